import { crmProcedure } from "../../trpc/crm";
import { archivePipelineInput } from "../../schemas/crm/pipelines";
import { archivePipeline } from "../../services/crm/pipelines";

/** Archive (refused while open deals remain) or restore. */
export const archivePipelineProcedure = crmProcedure("crm_settings.manage")
  .input(archivePipelineInput)
  .mutation(async ({ ctx, input }) => {
    const pipeline = await archivePipeline(ctx.db, input.pipelineId, input.archived);
    ctx.audit.target("pipeline", pipeline.id);
    ctx.audit.note({ archived: input.archived });
    return pipeline;
  });
