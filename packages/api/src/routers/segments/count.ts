import { crmProcedure } from "../../trpc/crm";
import { segmentCountInput } from "../../schemas/crm/segment";
import { countSegment } from "../../services/crm/segments/queries";

/**
 * The live count while editing: the builder sends its unsaved filter (debounced). One COUNT over
 * the compiled SQL in the caller's RLS transaction; the caller's record visibility applies.
 */
export const countSegmentProcedure = crmProcedure("contacts.read")
  .input(segmentCountInput)
  .query(async ({ ctx, input }) => ({ count: await countSegment(ctx.db, ctx.visibility, input.filter) }));
