import { TRPCError } from "@trpc/server";
import { contactIdsInput } from "../../schemas/crm/contacts";
import { deleteContacts } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** Soft delete of one or many contacts; contacts.restore undoes it. */
export const deleteContactsProcedure = crmProcedure("contacts.delete")
  .input(contactIdsInput)
  .mutation(async ({ ctx, input }) => {
    const result = await deleteContacts(crmContextOf(ctx), input.contactIds);
    const first = result.contactIds[0];
    if (!first) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
    ctx.audit.target("contact", first);
    ctx.audit.note({ contactIds: result.contactIds });
    return { deleted: result.contactIds.length, contactIds: result.contactIds };
  });
