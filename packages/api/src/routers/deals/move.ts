import { crmProcedure } from "../../trpc/crm";
import { moveDealInput } from "../../schemas/crm/deals";
import { moveDeal } from "../../services/crm/deals";

/** A drag on the board (or "Move to stage" from the keyboard): one row within a stage. */
export const moveDealProcedure = crmProcedure("deals.update")
  .input(moveDealInput)
  .mutation(async ({ ctx, input }) => {
    const deal = await moveDeal(ctx.db, { organizationId: ctx.org.id, userId: ctx.user.id }, input);
    ctx.audit.target("deal", deal.id);
    ctx.audit.note({ stageId: deal.stageId });
    return deal;
  });
