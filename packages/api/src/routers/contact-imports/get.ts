import { crmProcedure } from "../../trpc/crm";
import { contactImportIdInput } from "../../schemas/crm/contact-import";
import { contactCustomFields } from "../../services/crm/import/context";
import { findImport, presentImport } from "./shared";

/**
 * One import with its progress (the wizard polls this, so the bar survives a reload), and the
 * custom fields its mapping screen offers.
 */
export const getContactImport = crmProcedure("contacts.import")
  .input(contactImportIdInput)
  .query(async ({ ctx, input }) => {
    const record = presentImport(await findImport(ctx.db, input.importId));
    const customFields = [...(await contactCustomFields(ctx.db)).values()].map((f) => ({ id: f.id, label: f.label, type: f.type }));
    return { ...record, customFields };
  });
