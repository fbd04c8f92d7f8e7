import { crmProcedure } from "../../trpc/crm";
import { dealExportInput } from "../../schemas/crm/exports";
import { dealExportSource } from "../../services/crm/exports/deals";
import { exportFileName, sourceContext, wholeFile } from "../../services/crm/exports/source";

/** Deals with their amount as an exact decimal in the deal's currency (minor units never leave as floats). */
export const exportDeals = crmProcedure("deals.export", { timeoutMs: 60_000 })
  .input(dealExportInput)
  .query(async ({ ctx, input }) => {
    const file = await wholeFile(await dealExportSource(sourceContext(ctx), input), "DEAL");
    return { fileName: exportFileName(ctx.org.slug, "DEAL", file.label), rowCount: file.rowCount, csv: file.csv };
  });
