import { crmProcedure } from "../../trpc/crm";
import { closeDealInput } from "../../schemas/crm/deals";
import { closeDeal } from "../../services/crm/deals";

/** Won or lost (with the reason the user gave, if any). */
export const closeDealProcedure = crmProcedure("deals.update")
  .input(closeDealInput)
  .mutation(async ({ ctx, input }) => {
    const deal = await closeDeal(ctx.db, { organizationId: ctx.org.id, userId: ctx.user.id }, input);
    ctx.audit.target("deal", deal.id);
    ctx.audit.note({ outcome: input.outcome });
    return deal;
  });
