import { crmProcedure } from "../../trpc/crm";
import { contactListMembersChangeInput } from "../../schemas/crm/contact-lists";
import { assertListOpen, loadList, removeMembers } from "../../services/crm/segments/lists";

export const removeContactListMembers = crmProcedure("contacts.update")
  .input(contactListMembersChangeInput)
  .mutation(async ({ ctx, input }) => {
    const list = await loadList(ctx.db, input.listId);
    assertListOpen(list);
    const removed = await removeMembers(ctx.db, ctx.visibility, list.id, [...new Set(input.contactIds)]);
    ctx.audit.target("contactList", list.id);
    ctx.audit.note({ removed });
    return { removed };
  });
