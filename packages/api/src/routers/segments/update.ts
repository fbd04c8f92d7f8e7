import { crmProcedure } from "../../trpc/crm";
import { updateSegmentInput } from "../../schemas/crm/segment";
import { assertSegmentNameFree, loadSegment, SEGMENT_SELECT, storedFilter } from "../../services/crm/segments/store";

export const updateSegment = crmProcedure("contacts.update")
  .input(updateSegmentInput)
  .mutation(async ({ ctx, input }) => {
    const segment = await loadSegment(ctx.db, input.segmentId);
    if (input.name !== undefined && input.name !== segment.name) await assertSegmentNameFree(ctx.db, input.name, segment.id);
    const updated = await ctx.db.segment.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: segment.id } },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.filter !== undefined ? { filter: input.filter } : {}),
      },
      select: SEGMENT_SELECT,
    });
    ctx.audit.target("segment", segment.id);
    ctx.audit.note({ name: updated.name, filterChanged: input.filter !== undefined });
    return { ...updated, filter: storedFilter(updated.filter) };
  });
