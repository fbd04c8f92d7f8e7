import { scoreIdInput } from "../../schemas/scoring";
import { deleteScore } from "../../services/scoring/admin";
import { orgProcedure } from "../../trpc/init";

export const deleteScoreProcedure = orgProcedure("scoring.manage")
  .input(scoreIdInput)
  .mutation(async ({ ctx, input }) => {
    const result = await deleteScore(ctx.db, ctx.org.id, input.scoreId);
    ctx.audit.target("lead_score", input.scoreId);
    return result;
  });
