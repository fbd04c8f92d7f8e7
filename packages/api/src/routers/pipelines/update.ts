import { crmProcedure } from "../../trpc/crm";
import { updatePipelineInput } from "../../schemas/crm/pipelines";
import { assertPipelineNameFree, findPipeline } from "../../services/crm/pipelines";

/** Rename, or change the currency new deals default to (existing deals keep theirs). */
export const updatePipeline = crmProcedure("crm_settings.manage")
  .input(updatePipelineInput)
  .mutation(async ({ ctx, input }) => {
    const pipeline = await findPipeline(ctx.db, input.pipelineId);
    if (input.name !== undefined && input.name !== pipeline.name) await assertPipelineNameFree(ctx.db, input.name, pipeline.id);
    await ctx.db.pipeline.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: pipeline.id } },
      data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.currency !== undefined ? { currency: input.currency } : {}) },
    });
    ctx.audit.target("pipeline", pipeline.id);
    ctx.audit.note({ name: input.name ?? pipeline.name });
    return findPipeline(ctx.db, pipeline.id);
  });
