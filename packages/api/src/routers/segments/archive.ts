import { crmProcedure } from "../../trpc/crm";
import { archiveSegmentInput } from "../../schemas/crm/segment";
import { loadSegment } from "../../services/crm/segments/store";

/** Archiving hides a segment from pickers and keeps its filter; restoring brings it back as it was. */
export const archiveSegment = crmProcedure("contacts.update")
  .input(archiveSegmentInput)
  .mutation(async ({ ctx, input }) => {
    const segment = await loadSegment(ctx.db, input.segmentId);
    ctx.audit.target("segment", segment.id);
    ctx.audit.note({ archived: input.archived });
    if ((segment.archivedAt !== null) === input.archived) return { id: segment.id, archivedAt: segment.archivedAt };
    return ctx.db.segment.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: segment.id } },
      data: { archivedAt: input.archived ? new Date() : null },
      select: { id: true, archivedAt: true },
    });
  });
