import { withOrg, type TenantDb } from "@mg/db";
import { enqueueEvents, type ChunkedRunResult } from "@mg/jobs";
import { rescoreFactsMany } from "./behaviour";
import { recomputeTotals } from "./ledger";
import { loadSetup } from "./rules";

/**
 * Recompute-all (after rules changed): every live contact's fact rules are re-evaluated and every
 * total recomputed from the ledger, in chunks of contacts walked in id order from the run's
 * cursor — a retried chunk repeats nothing (fact keys are per state, totals are recomputed),
 * and the run row says how far it got. Behaviour entries are history: they stay as they were.
 */
const CHUNK = 250;

export async function startRecompute(db: TenantDb, organizationId: string, requestedById: string | null): Promise<{ id: string; reused: boolean }> {
  const running = await db.scoreRecompute.findFirst({ where: { status: "RUNNING" }, orderBy: { createdAt: "desc" }, select: { id: true } });
  if (running) return { id: running.id, reused: true };
  const total = await db.contact.count({ where: { deletedAt: null, mergedIntoId: null } });
  const run = await db.scoreRecompute.create({ data: { organizationId, totalContacts: total, requestedById }, select: { id: true } });
  return { id: run.id, reused: false };
}

export async function runRecompute(input: { organizationId: string; recomputeId: string; budgetMs?: number }): Promise<ChunkedRunResult> {
  const started = Date.now();
  const budget = input.budgetMs ?? 20_000;
  for (;;) {
    const step = await withOrg(
      input.organizationId,
      async (db) => {
        const [run] = await db.$queryRaw<{ status: string; cursor: string | null; processed: number; total_contacts: number }[]>`
          SELECT status::text, cursor, processed, total_contacts FROM score_recomputes WHERE organization_id = ${input.organizationId}::uuid AND id = ${input.recomputeId}::uuid FOR UPDATE`;
        if (!run) return { done: true, status: "NOT_FOUND", processed: 0, total: 0 };
        if (run.status !== "RUNNING") return { done: true, status: run.status, processed: run.processed, total: run.total_contacts };
        const contacts = await db.contact.findMany({
          where: { deletedAt: null, mergedIntoId: null, ...(run.cursor ? { id: { gt: run.cursor } } : {}) },
          orderBy: { id: "asc" },
          take: CHUNK,
          select: { id: true },
        });
        const ids = contacts.map((c) => c.id);
        if (ids.length > 0) {
          const setup = await loadSetup(db);
          await rescoreFactsMany(db, input.organizationId, ids, setup);
          await recomputeTotals(db, input.organizationId, ids);
        }
        const processed = run.processed + ids.length;
        const done = ids.length < CHUNK;
        await db.scoreRecompute.updateMany({
          where: { id: input.recomputeId },
          data: { processed, cursor: ids[ids.length - 1] ?? run.cursor, ...(done ? { status: "DONE", finishedAt: new Date(), totalContacts: Math.max(run.total_contacts, processed) } : {}) },
        });
        return { done, status: done ? "DONE" : "RUNNING", processed, total: Math.max(run.total_contacts, processed) };
      },
      { timeout: 60_000 },
    );
    if (step.done || Date.now() - started > budget) return { done: step.done, status: step.status, processedRows: step.processed, totalRows: step.total };
  }
}

export async function failRecompute(organizationId: string, recomputeId: string, reason: string): Promise<void> {
  await withOrg(organizationId, (db) => db.scoreRecompute.updateMany({ where: { id: recomputeId, status: "RUNNING" }, data: { status: "FAILED", error: reason.slice(0, 500), finishedAt: new Date() } }));
}

/**
 * After an import: its contacts' fact rules are scored by a recompute run (a job), not row by row
 * inside the import's chunks — the import's throughput stays what the bench measures. Written in
 * the import's last transaction (the outbox row with it), only when fact rules exist.
 */
export async function requestRecomputeAfterImport(db: TenantDb, organizationId: string): Promise<string | null> {
  if ((await db.scoreRule.count({ where: { kind: "FACT", archivedAt: null, active: true } })) === 0) return null;
  const run = await startRecompute(db, organizationId, null);
  if (!run.reused) await enqueueEvents(db, organizationId, [{ name: "scoring/recompute.requested", id: `scoring-recompute:${run.id}`, data: { organizationId, recomputeId: run.id } }]);
  return run.id;
}
