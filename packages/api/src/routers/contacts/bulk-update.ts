import { TRPCError } from "@trpc/server";
import { contactBulkInput } from "../../schemas/crm/contacts";
import { bulkUpdateContacts } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** Tags added or removed, or the owner set, on the selected contacts. */
export const bulkUpdateContactsProcedure = crmProcedure("contacts.update")
  .input(contactBulkInput)
  .mutation(async ({ ctx, input }) => {
    const first = input.contactIds[0];
    if (!first) throw new TRPCError({ code: "BAD_REQUEST", message: "Select at least one contact." });
    const result = await bulkUpdateContacts(crmContextOf(ctx), input.contactIds, input.action);
    ctx.audit.target("contact", first);
    ctx.audit.note({ action: input.action.kind, selected: input.contactIds.length, updated: result.updated });
    return result;
  });
