import { crmProcedure } from "../../trpc/crm";
import { listPipelinesInput } from "../../schemas/crm/pipelines";
import { PIPELINE_SELECT } from "../../services/crm/pipelines";

/** Pipelines in switcher order (the default first), each with its live stages in order. */
export const listPipelines = crmProcedure("deals.read")
  .input(listPipelinesInput)
  .query(({ ctx, input }) =>
    ctx.db.pipeline.findMany({
      where: input.includeArchived ? {} : { archivedAt: null },
      orderBy: [{ isDefault: "desc" }, { position: "asc" }, { createdAt: "asc" }],
      select: PIPELINE_SELECT,
    }),
  );
