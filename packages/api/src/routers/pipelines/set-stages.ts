import { crmProcedure } from "../../trpc/crm";
import { setStagesInput } from "../../schemas/crm/pipelines";
import { setStages } from "../../services/crm/pipelines";

/** The stage editor's save: the whole ordered list (reorder, add, rename, re-weight, remove). */
export const setPipelineStages = crmProcedure("crm_settings.manage")
  .input(setStagesInput)
  .mutation(async ({ ctx, input }) => {
    const pipeline = await setStages(ctx.db, ctx.org.id, input.pipelineId, input.stages);
    ctx.audit.target("pipeline", pipeline.id);
    ctx.audit.note({ stages: pipeline.stages.map((s) => `${s.name} ${s.probability}%${s.kind === "OPEN" ? "" : ` ${s.kind}`}`) });
    return pipeline;
  });
