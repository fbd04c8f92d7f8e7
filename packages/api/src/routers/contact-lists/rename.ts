import { crmProcedure } from "../../trpc/crm";
import { renameContactListInput } from "../../schemas/crm/contact-lists";
import { assertListNameFree, LIST_SELECT, loadList } from "../../services/crm/segments/lists";

export const renameContactList = crmProcedure("contacts.update")
  .input(renameContactListInput)
  .mutation(async ({ ctx, input }) => {
    const list = await loadList(ctx.db, input.listId);
    if (input.name !== list.name) await assertListNameFree(ctx.db, input.name, list.id);
    const updated = await ctx.db.contactList.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: list.id } },
      data: { name: input.name, ...(input.description !== undefined ? { description: input.description } : {}) },
      select: LIST_SELECT,
    });
    ctx.audit.target("contactList", list.id);
    ctx.audit.note({ from: list.name, to: updated.name });
    return updated;
  });
