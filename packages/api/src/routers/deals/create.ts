import { crmProcedure } from "../../trpc/crm";
import { createDealInput } from "../../schemas/crm/deals";
import { createDeal } from "../../services/crm/deals";

export const createDealProcedure = crmProcedure("deals.create")
  .input(createDealInput)
  .mutation(async ({ ctx, input }) => {
    const deal = await createDeal(ctx.db, ctx.org, { organizationId: ctx.org.id, userId: ctx.user.id }, input);
    ctx.audit.target("deal", deal.id);
    ctx.audit.note({ name: deal.name, amountMinor: deal.amountMinor, currency: deal.currency });
    return deal;
  });
