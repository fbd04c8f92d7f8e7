import { crmProcedure } from "../../trpc/crm";
import { listDealsInput } from "../../schemas/crm/deals";
import { listDeals } from "../../services/crm/deals";

/** The list view: sort and filter over every pipeline (or one), a page at a time. */
export const listDealsProcedure = crmProcedure("deals.read")
  .input(listDealsInput)
  .query(({ ctx, input }) => listDeals(ctx.db, input));
