import { crmProcedure } from "../../trpc/crm";
import { contactImportIdInput } from "../../schemas/crm/contact-import";
import { findImport, presentImport } from "./shared";

/** One import with its progress (the wizard polls this, so the bar survives a reload). */
export const getContactImport = crmProcedure("contacts.import")
  .input(contactImportIdInput)
  .query(async ({ ctx, input }) => presentImport(await findImport(ctx.db, input.importId)));
