import { crmProcedure } from "../../trpc/crm";
import { updateDealInput } from "../../schemas/crm/deals";
import { updateDeal } from "../../services/crm/deals";

/** Fields of a deal; its stage changes through move / close / reopen (they keep the history). */
export const updateDealProcedure = crmProcedure("deals.update")
  .input(updateDealInput)
  .mutation(async ({ ctx, input }) => {
    const deal = await updateDeal(ctx.db, ctx.org, input);
    ctx.audit.target("deal", deal.id);
    ctx.audit.note({ fields: Object.keys(input).filter((k) => k !== "dealId") });
    return deal;
  });
