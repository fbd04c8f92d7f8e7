import { crmProcedure } from "../../trpc/crm";
import { createContactListInput } from "../../schemas/crm/contact-lists";
import { assertListNameFree, LIST_SELECT } from "../../services/crm/segments/lists";

export const createContactList = crmProcedure("contacts.update")
  .input(createContactListInput)
  .mutation(async ({ ctx, input }) => {
    await assertListNameFree(ctx.db, input.name);
    const list = await ctx.db.contactList.create({
      data: { organizationId: ctx.org.id, name: input.name, description: input.description ?? null, createdById: ctx.user.id },
      select: LIST_SELECT,
    });
    ctx.audit.target("contactList", list.id);
    ctx.audit.note({ name: list.name });
    return { ...list, memberCount: 0 };
  });
