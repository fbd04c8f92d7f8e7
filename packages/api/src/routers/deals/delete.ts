import { crmProcedure } from "../../trpc/crm";
import { dealIdInput } from "../../schemas/crm/deals";
import { setDealDeleted } from "../../services/crm/deals";

/** Soft delete: the deal leaves the board and the totals; `restore` undoes it. */
export const deleteDeal = crmProcedure("deals.delete")
  .input(dealIdInput)
  .mutation(async ({ ctx, input }) => {
    const deal = await setDealDeleted(ctx.db, ctx.org.id, input.dealId, true);
    ctx.audit.target("deal", deal.id);
    return { id: deal.id, deletedAt: deal.deletedAt };
  });
