import { crmProcedure } from "../../trpc/crm";
import { segmentPreviewInput } from "../../schemas/crm/segment";
import { pageSegment } from "../../services/crm/segments/queries";
import { loadSegment } from "../../services/crm/segments/store";

/** A page of members, newest first: of a saved segment, or of the builder's unsaved filter. */
export const previewSegment = crmProcedure("contacts.read")
  .input(segmentPreviewInput)
  .query(async ({ ctx, input }) => {
    const filter = input.segmentId ? (await loadSegment(ctx.db, input.segmentId)).filter : input.filter;
    if (!filter) return { items: [], nextCursor: null };
    return pageSegment(ctx.db, ctx.visibility, filter, { cursor: input.cursor, limit: input.limit });
  });
