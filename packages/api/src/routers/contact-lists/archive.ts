import { crmProcedure } from "../../trpc/crm";
import { archiveContactListInput } from "../../schemas/crm/contact-lists";
import { loadList } from "../../services/crm/segments/lists";

/** Archiving keeps the members (restore brings the list back whole); archived lists take no changes. */
export const archiveContactList = crmProcedure("contacts.update")
  .input(archiveContactListInput)
  .mutation(async ({ ctx, input }) => {
    const list = await loadList(ctx.db, input.listId);
    ctx.audit.target("contactList", list.id);
    ctx.audit.note({ archived: input.archived });
    if ((list.archivedAt !== null) === input.archived) return { id: list.id, archivedAt: list.archivedAt };
    return ctx.db.contactList.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: list.id } },
      data: { archivedAt: input.archived ? new Date() : null },
      select: { id: true, archivedAt: true },
    });
  });
