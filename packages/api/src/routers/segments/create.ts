import { crmProcedure } from "../../trpc/crm";
import { createSegmentInput } from "../../schemas/crm/segment";
import { assertSegmentNameFree, SEGMENT_SELECT } from "../../services/crm/segments/store";

/** A dynamic segment: only the filter is stored; members are evaluated whenever it is used. */
export const createSegment = crmProcedure("contacts.update")
  .input(createSegmentInput)
  .mutation(async ({ ctx, input }) => {
    await assertSegmentNameFree(ctx.db, input.name);
    const segment = await ctx.db.segment.create({
      data: { organizationId: ctx.org.id, name: input.name, description: input.description ?? null, filter: input.filter, createdById: ctx.user.id },
      select: SEGMENT_SELECT,
    });
    ctx.audit.target("segment", segment.id);
    ctx.audit.note({ name: segment.name });
    return { ...segment, filter: input.filter };
  });
