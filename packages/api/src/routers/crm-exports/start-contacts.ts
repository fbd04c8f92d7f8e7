import { crmProcedure } from "../../trpc/crm";
import { contactExportInput } from "../../schemas/crm/exports";
import { startAndPresent } from "../../services/crm/exports/background";

/** Contacts of any number, prepared as a file to download from Exports (services/crm/exports/background.ts). */
export const startContactsExport = crmProcedure("contacts.export", { timeoutMs: 60_000 })
  .input(contactExportInput)
  .mutation(({ ctx, input }) => startAndPresent(ctx, { object: "CONTACT", input }));
