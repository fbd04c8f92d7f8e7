import { contactListInput } from "../../schemas/crm/contacts";
import { listContacts } from "../../services/crm/contacts";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** The contacts table: server-side filter, search, sort and keyset pages, with the custom-field columns. */
export const listContactsProcedure = crmProcedure("contacts.read")
  .input(contactListInput)
  .query(({ ctx, input }) => listContacts(crmContextOf(ctx), input));
