import { crmProcedure } from "../../trpc/crm";
import { segmentIdInput } from "../../schemas/crm/segment";
import { loadSegment } from "../../services/crm/segments/store";

export const getSegment = crmProcedure("contacts.read")
  .input(segmentIdInput)
  .query(({ ctx, input }) => loadSegment(ctx.db, input.segmentId));
