import { crmProcedure } from "../../trpc/crm";
import { createPipelineInput } from "../../schemas/crm/pipelines";
import { createPipeline } from "../../services/crm/pipelines";

/** A new pipeline; without stages it gets Qualified 10 %, Proposal 30 %, Negotiation 60 %, Won, Lost. */
export const createPipelineProcedure = crmProcedure("crm_settings.manage")
  .input(createPipelineInput)
  .mutation(async ({ ctx, input }) => {
    const pipeline = await createPipeline(ctx.db, ctx.org.id, input);
    ctx.audit.target("pipeline", pipeline.id);
    ctx.audit.note({ name: pipeline.name });
    return pipeline;
  });
