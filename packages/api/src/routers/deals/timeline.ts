import { crmProcedure } from "../../trpc/crm";
import { dealTimelineInput } from "../../schemas/crm/deals";
import { dealTimeline, loadDeal } from "../../services/crm/deals";

/** The deal's own timeline (created, stage changes, won/lost, tasks), newest first. */
export const dealTimelineProcedure = crmProcedure("deals.read")
  .input(dealTimelineInput)
  .query(async ({ ctx, input }) => {
    await loadDeal(ctx.db, input.dealId);
    return dealTimeline(ctx.db, input);
  });
