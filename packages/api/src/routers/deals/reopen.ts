import { crmProcedure } from "../../trpc/crm";
import { reopenDealInput } from "../../schemas/crm/deals";
import { reopenDeal } from "../../services/crm/deals";

/** Back into an open stage: clears the close date and the lost reason. */
export const reopenDealProcedure = crmProcedure("deals.update")
  .input(reopenDealInput)
  .mutation(async ({ ctx, input }) => {
    const deal = await reopenDeal(ctx.db, { organizationId: ctx.org.id, userId: ctx.user.id }, input);
    ctx.audit.target("deal", deal.id);
    return deal;
  });
