import { can } from "../../rbac";
import { contactIdInput } from "../../schemas/crm/contacts";
import { getContact360 } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** The 360° page; a merged-away contact answers where it lives now (`kind: "merged"`). */
export const getContact = crmProcedure("contacts.read")
  .input(contactIdInput)
  .query(({ ctx, input }) => getContact360(crmContextOf(ctx), input.contactId, { deals: can(ctx.role, "deals.read"), tasks: can(ctx.role, "tasks.read") }));
