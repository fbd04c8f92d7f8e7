import { crmProcedure } from "../../trpc/crm";
import { setDefaultPipelineInput } from "../../schemas/crm/pipelines";
import { setDefaultPipeline } from "../../services/crm/pipelines";

/** The pipeline the board opens on and new deals go to. */
export const setDefaultPipelineProcedure = crmProcedure("crm_settings.manage")
  .input(setDefaultPipelineInput)
  .mutation(async ({ ctx, input }) => {
    const pipeline = await setDefaultPipeline(ctx.db, input.pipelineId);
    ctx.audit.target("pipeline", pipeline.id);
    return pipeline;
  });
