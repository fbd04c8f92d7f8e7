import { crmProcedure } from "../../trpc/crm";
import { companyExportInput } from "../../schemas/crm/exports";
import { startAndPresent } from "../../services/crm/exports/background";

/** Companies of any number, prepared as a file to download from Exports (services/crm/exports/background.ts). */
export const startCompaniesExport = crmProcedure("companies.export", { timeoutMs: 60_000 })
  .input(companyExportInput)
  .mutation(({ ctx, input }) => startAndPresent(ctx, { object: "COMPANY", input }));
