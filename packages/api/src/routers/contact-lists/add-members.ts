import { crmProcedure } from "../../trpc/crm";
import { contactListMembersChangeInput } from "../../schemas/crm/contact-lists";
import { addMembers, assertListOpen, loadList } from "../../services/crm/segments/lists";

/** Adds contacts by id; ids that are not live, visible contacts of this organization are skipped (and not counted). */
export const addContactListMembers = crmProcedure("contacts.update")
  .input(contactListMembersChangeInput)
  .mutation(async ({ ctx, input }) => {
    const list = await loadList(ctx.db, input.listId);
    assertListOpen(list);
    const added = await addMembers(ctx.db, ctx.visibility, list.id, [...new Set(input.contactIds)]);
    ctx.audit.target("contactList", list.id);
    ctx.audit.note({ added });
    return { added };
  });
