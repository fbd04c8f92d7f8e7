import { recomputeStatusInput } from "../../schemas/scoring";
import { orgProcedure } from "../../trpc/init";

/** The given recompute run, or the latest one (null when none ever ran). */
export const recomputeStatusProcedure = orgProcedure("scoring.read")
  .input(recomputeStatusInput)
  .query(({ ctx, input }) =>
    ctx.db.scoreRecompute.findFirst({
      where: input.recomputeId ? { id: input.recomputeId } : {},
      orderBy: { createdAt: "desc" },
      select: { id: true, status: true, processed: true, totalContacts: true, error: true, createdAt: true, finishedAt: true },
    }),
  );
