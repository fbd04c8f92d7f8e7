import { crmProcedure } from "../../trpc/crm";
import { dealIdInput } from "../../schemas/crm/deals";
import { setDealDeleted } from "../../services/crm/deals";

/** Undo of a delete: the deal is back where it was. */
export const restoreDeal = crmProcedure("deals.delete")
  .input(dealIdInput)
  .mutation(async ({ ctx, input }) => {
    const deal = await setDealDeleted(ctx.db, ctx.org.id, input.dealId, false);
    ctx.audit.target("deal", deal.id);
    return deal;
  });
