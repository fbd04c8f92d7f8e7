import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { boardInput } from "../../schemas/crm/deals";
import { board } from "../../services/crm/deals-board";
import { defaultPipeline, findPipeline } from "../../services/crm/pipelines";

/** The kanban of one pipeline: stages in order, their cards in board order, totals per currency. */
export const dealsBoard = crmProcedure("deals.read")
  .input(boardInput)
  .query(async ({ ctx, input }) => {
    const pipeline = input.pipelineId ? await findPipeline(ctx.db, input.pipelineId) : await defaultPipeline(ctx.db);
    if (!pipeline) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Create a pipeline first." });
    return board(ctx.db, pipeline, ctx.visibility, { ownerUserId: input.ownerUserId, perStage: input.perStage });
  });
