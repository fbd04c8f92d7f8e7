import { crmProcedure } from "../../trpc/crm";
import { snapshotSegmentInput } from "../../schemas/crm/contact-lists";
import { assertListNameFree, assertListOpen, LIST_SELECT, loadList, snapshotIntoList } from "../../services/crm/segments/lists";
import { loadSegment } from "../../services/crm/segments/store";

/**
 * Freezes a segment's members into a static list (new or existing): one INSERT … SELECT over the
 * compiled filter, so a large segment never passes through this process. Existing members stay.
 */
export const snapshotSegment = crmProcedure("contacts.update", { timeoutMs: 120_000 })
  .input(snapshotSegmentInput)
  .mutation(async ({ ctx, input }) => {
    const segment = await loadSegment(ctx.db, input.segmentId);
    let list;
    if (input.listId) {
      list = await loadList(ctx.db, input.listId);
      assertListOpen(list);
    } else {
      const name = input.name ?? segment.name;
      await assertListNameFree(ctx.db, name);
      list = await ctx.db.contactList.create({
        data: { organizationId: ctx.org.id, name, description: `Snapshot of the segment "${segment.name}"`, createdById: ctx.user.id },
        select: LIST_SELECT,
      });
    }
    const added = await snapshotIntoList(ctx.db, ctx.visibility, list.id, segment.filter);
    ctx.audit.target("contactList", list.id);
    ctx.audit.note({ segmentId: segment.id, added });
    return { listId: list.id, name: list.name, added };
  });
