import { TRPCError } from "@trpc/server";
import { contactIdsInput } from "../../schemas/crm/contacts";
import { restoreContacts } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** Undo of contacts.delete. */
export const restoreContactsProcedure = crmProcedure("contacts.delete")
  .input(contactIdsInput)
  .mutation(async ({ ctx, input }) => {
    const result = await restoreContacts(crmContextOf(ctx), input.contactIds);
    const first = result.contactIds[0];
    if (!first) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
    ctx.audit.target("contact", first);
    ctx.audit.note({ contactIds: result.contactIds, emailsNotRestored: result.emailsNotRestored });
    return { restored: result.contactIds.length, contactIds: result.contactIds, emailsNotRestored: result.emailsNotRestored };
  });
