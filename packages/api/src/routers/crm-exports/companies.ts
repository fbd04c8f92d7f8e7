import { crmProcedure } from "../../trpc/crm";
import { companyExportInput } from "../../schemas/crm/exports";
import { exportCompaniesCsv } from "../../services/crm/exports/companies-deals";
import { utcDay } from "./file-name";

export const exportCompanies = crmProcedure("companies.export", { timeoutMs: 60_000 })
  .input(companyExportInput)
  .query(async ({ ctx, input }) => {
    const file = await exportCompaniesCsv(ctx.db, input, ctx.org.parentId);
    return { fileName: `${ctx.org.slug}-companies-${input.companyIds ? "selection" : "all"}-${utcDay()}.csv`, ...file };
  });
