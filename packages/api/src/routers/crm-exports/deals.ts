import { crmProcedure } from "../../trpc/crm";
import { dealExportInput } from "../../schemas/crm/exports";
import { exportDealsCsv } from "../../services/crm/exports/companies-deals";
import { utcDay } from "./file-name";

/** Deals with their amount as an exact decimal in the deal's currency (minor units never leave as floats). */
export const exportDeals = crmProcedure("deals.export", { timeoutMs: 60_000 })
  .input(dealExportInput)
  .query(async ({ ctx, input }) => {
    const file = await exportDealsCsv(ctx.db, ctx.visibility, input, ctx.org.parentId);
    return { fileName: `${ctx.org.slug}-deals-${input.dealIds ? "selection" : input.status}-${utcDay()}.csv`, ...file };
  });
