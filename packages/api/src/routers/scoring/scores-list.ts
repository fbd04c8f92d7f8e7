import { listScores } from "../../services/scoring/admin";
import { orgProcedure } from "../../trpc/init";

export const listScoresProcedure = orgProcedure("scoring.read").query(({ ctx }) => listScores(ctx.db));
