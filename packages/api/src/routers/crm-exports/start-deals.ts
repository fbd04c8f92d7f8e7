import { crmProcedure } from "../../trpc/crm";
import { dealExportInput } from "../../schemas/crm/exports";
import { startAndPresent } from "../../services/crm/exports/background";

/** Deals of any number, prepared as a file to download from Exports (services/crm/exports/background.ts). */
export const startDealsExport = crmProcedure("deals.export", { timeoutMs: 60_000 })
  .input(dealExportInput)
  .mutation(({ ctx, input }) => startAndPresent(ctx, { object: "DEAL", input }));
