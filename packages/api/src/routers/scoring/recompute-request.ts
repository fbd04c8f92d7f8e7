import type { TenantDb } from "@mg/db";
import type { Emit } from "../../jobs";
import { startRecompute } from "../../services/scoring/recompute";

/** Starts (or joins) a recompute run and emits its event in the same transaction. */
export async function requestRecompute(ctx: { db: TenantDb; org: { id: string }; user: { id: string }; emit: Emit }): Promise<{ recomputeId: string }> {
  const run = await startRecompute(ctx.db, ctx.org.id, ctx.user.id);
  if (!run.reused) await ctx.emit({ name: "scoring/recompute.requested", id: `scoring-recompute:${run.id}`, data: { organizationId: ctx.org.id, recomputeId: run.id } });
  return { recomputeId: run.id };
}
