import { crmProcedure } from "../../trpc/crm";
import { contactListMembersInput } from "../../schemas/crm/contact-lists";
import { loadList } from "../../services/crm/segments/lists";
import { pageListMembers } from "../../services/crm/segments/queries";

/** A page of the list's live members the caller may see, newest contact first. */
export const contactListMembers = crmProcedure("contacts.read")
  .input(contactListMembersInput)
  .query(async ({ ctx, input }) => {
    const list = await loadList(ctx.db, input.listId);
    return pageListMembers(ctx.db, ctx.visibility, list.id, { cursor: input.cursor, limit: input.limit });
  });
