import { contactCreateInput } from "../../schemas/crm/contacts";
import { createContact } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const createContactProcedure = crmProcedure("contacts.create")
  .input(contactCreateInput)
  .mutation(async ({ ctx, input }) => {
    const contact = await createContact(crmContextOf(ctx), input);
    ctx.audit.target("contact", contact.id);
    return contact;
  });
