import { scoreUpdateInput } from "../../schemas/scoring";
import { updateScore } from "../../services/scoring/admin";
import { orgProcedure } from "../../trpc/init";

export const updateScoreProcedure = orgProcedure("scoring.manage")
  .input(scoreUpdateInput)
  .mutation(async ({ ctx, input }) => {
    const score = await updateScore(ctx.db, ctx.org.id, input);
    ctx.audit.target("lead_score", score.id);
    return score;
  });
