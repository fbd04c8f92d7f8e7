import { crmProcedure } from "../../trpc/crm";
import { contactListListInput } from "../../schemas/crm/contact-lists";
import { LIST_SELECT, memberCounts } from "../../services/crm/segments/lists";

/** Lists by name, each with its count of live members the caller may see. */
export const listContactLists = crmProcedure("contacts.read")
  .input(contactListListInput)
  .query(async ({ ctx, input }) => {
    const lists = await ctx.db.contactList.findMany({ where: input.includeArchived ? {} : { archivedAt: null }, orderBy: [{ name: "asc" }, { id: "asc" }], select: LIST_SELECT, take: 500 });
    const counts = await memberCounts(
      ctx.db,
      ctx.visibility,
      lists.map((l) => l.id),
    );
    return lists.map((list) => ({ ...list, memberCount: counts.get(list.id) ?? 0 }));
  });
