import { orgProcedure } from "../../trpc/init";
import { requestRecompute } from "./recompute-request";

/** Recompute every contact's scores (a job; `recomputeStatus` shows its progress). */
export const recomputeAllProcedure = orgProcedure("scoring.manage").mutation(async ({ ctx }) => {
  const result = await requestRecompute(ctx);
  ctx.audit.target("score_recompute", result.recomputeId);
  return result;
});
