import { contactUpdateInput } from "../../schemas/crm/contacts";
import { updateContact } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const updateContactProcedure = crmProcedure("contacts.update")
  .input(contactUpdateInput)
  .mutation(async ({ ctx, input }) => {
    const { contactId, ...changes } = input;
    const result = await updateContact(crmContextOf(ctx), contactId, changes);
    ctx.audit.target("contact", contactId);
    ctx.audit.note({ changed: result.changed });
    return result;
  });
