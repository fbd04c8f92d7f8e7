import { crmProcedure } from "../../trpc/crm";
import { segmentListInput } from "../../schemas/crm/segment";
import { SEGMENT_SELECT } from "../../services/crm/segments/store";

/** Saved segments, by name. No counts here: each is a query over all contacts, asked per segment (segments.count). */
export const listSegments = crmProcedure("contacts.read")
  .input(segmentListInput)
  .query(({ ctx, input }) =>
    ctx.db.segment.findMany({ where: input.includeArchived ? {} : { archivedAt: null }, orderBy: [{ name: "asc" }, { id: "asc" }], select: SEGMENT_SELECT, take: 500 }),
  );
