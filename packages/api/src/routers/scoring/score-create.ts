import { scoreCreateInput } from "../../schemas/scoring";
import { createScore } from "../../services/scoring/admin";
import { orgProcedure } from "../../trpc/init";

export const createScoreProcedure = orgProcedure("scoring.manage")
  .input(scoreCreateInput)
  .mutation(async ({ ctx, input }) => {
    const score = await createScore(ctx.db, ctx.org.id, input);
    ctx.audit.target("lead_score", score.id);
    return score;
  });
