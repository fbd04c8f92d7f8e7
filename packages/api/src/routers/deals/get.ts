import { crmProcedure } from "../../trpc/crm";
import { dealIdInput } from "../../schemas/crm/deals";
import { dealHistory, loadDeal, serializeDeal } from "../../services/crm/deals";

/** The deal page: fields, contacts, company, stage and the stages it went through. */
export const getDeal = crmProcedure("deals.read")
  .input(dealIdInput)
  .query(async ({ ctx, input }) => {
    const deal = serializeDeal(await loadDeal(ctx.db, input.dealId));
    const [history, pipelineStages] = await Promise.all([
      dealHistory(ctx.db, deal.id),
      ctx.db.pipelineStage.findMany({ where: { pipelineId: deal.pipelineId, archivedAt: null }, orderBy: { position: "asc" }, select: { id: true, name: true, kind: true, probability: true } }),
    ]);
    return { deal, history, stages: pipelineStages };
  });
