import { crmProcedure } from "../../trpc/crm";
import { companyExportInput } from "../../schemas/crm/exports";
import { companyExportSource } from "../../services/crm/exports/companies";
import { exportFileName, sourceContext, wholeFile } from "../../services/crm/exports/source";

export const exportCompanies = crmProcedure("companies.export", { timeoutMs: 60_000 })
  .input(companyExportInput)
  .query(async ({ ctx, input }) => {
    const file = await wholeFile(await companyExportSource(sourceContext(ctx), input), "COMPANY");
    return { fileName: exportFileName(ctx.org.slug, "COMPANY", file.label), rowCount: file.rowCount, csv: file.csv };
  });
