import { withOrg, type TenantDb } from "@mg/db";
import { insertEntries, recomputeTotals } from "./ledger";
import { loadScores } from "./rules";
import { applyThresholds } from "./thresholds";

const DAY_MS = 86_400_000;

/** What is left of `points` after `ageDays` with a half-life of `halfLifeDays`, as a whole number. */
export function remainingAfter(points: number, ageDays: number, halfLifeDays: number): number {
  if (ageDays <= 0) return points;
  return Math.round(points * Math.pow(0.5, ageDays / halfLifeDays));
}

export const dayKey = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Decay is written, not computed on read: for every positive behaviour entry of a rule with a
 * half-life, the day's run writes one negative entry (`decay:{entryId}:{yyyy-mm-dd}`) that brings
 * what is left of it down to round(points · ½^(age / half-life)), age counted in whole days up to
 * the start of the run's day. The total stays the sum of the ledger, a second run on the same day
 * writes nothing (same keys), and a missed day is caught up by the next one. Entries already down
 * to 0 are left alone. Works in chunks inside the organization's own scope.
 */
export async function decayOrganization(organizationId: string, now: Date = new Date(), options: { chunk?: number } = {}): Promise<number> {
  const chunk = options.chunk ?? 2000;
  const day = dayKey(now);
  const dayStart = Date.parse(`${day}T00:00:00.000Z`);
  let after = "00000000-0000-0000-0000-000000000000";
  let written = 0;
  for (;;) {
    const done = await withOrg(organizationId, async (db) => {
      const due = await db.$queryRaw<{ id: string; contact_id: string; score_id: string; rule_id: string; points: number; occurred_at: Date; half_life_days: number; left: number }[]>`
        SELECT e.id, e.contact_id, e.score_id, e.rule_id, e.points, e.occurred_at, r.half_life_days,
          (e.points + coalesce((SELECT sum(d.points) FROM score_ledger d WHERE d.organization_id = e.organization_id AND d.decay_of_id = e.id), 0))::int AS left
        FROM score_ledger e
        JOIN score_rules r ON r.organization_id = e.organization_id AND r.id = e.rule_id
        WHERE e.organization_id = ${organizationId}::uuid AND r.kind = 'BEHAVIOUR' AND r.half_life_days IS NOT NULL
          AND e.decay_of_id IS NULL AND e.points > 0 AND e.id > ${after}::uuid
        ORDER BY e.id LIMIT ${chunk}`;
      if (due.length === 0) return { last: null, count: 0 };
      const entries = due.flatMap((e) => {
        if (e.left <= 0) return [];
        const ageDays = Math.floor((dayStart - e.occurred_at.getTime()) / DAY_MS);
        const target = remainingAfter(e.points, ageDays, e.half_life_days);
        const delta = target - e.left;
        if (delta >= 0) return [];
        return [{ contactId: e.contact_id, scoreId: e.score_id, ruleId: e.rule_id, decayOfId: e.id, points: delta, reason: `Decay: half-life ${e.half_life_days} days (${e.left} → ${target} of ${e.points})`, sourceKey: `decay:${e.id}:${day}` }];
      });
      const count = await writeDecay(db, organizationId, entries, now);
      return { last: due[due.length - 1]?.id ?? null, count };
    });
    written += done.count;
    if (!done.last) return written;
    after = done.last;
  }
}

async function writeDecay(
  db: TenantDb,
  organizationId: string,
  entries: { contactId: string; scoreId: string; ruleId: string; decayOfId: string; points: number; reason: string; sourceKey: string }[],
  now: Date,
): Promise<number> {
  if (entries.length === 0) return 0;
  const contacts = [...new Set(entries.map((e) => e.contactId))].sort();
  // The contacts' rows first, in id order like every scorer, so a concurrent scoring queues.
  await db.$queryRaw`SELECT id FROM contacts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${contacts}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
  const written = await insertEntries(db, organizationId, entries.map((e) => ({ ...e, occurredAt: now })));
  if (written.length === 0) return 0;
  const changes = await recomputeTotals(db, organizationId, written.map((w) => w.contactId), written.map((w) => w.scoreId));
  // Decay only lowers totals: no threshold is crossed upward (called for symmetry, it finds none).
  await applyThresholds(db, organizationId, await loadScores(db), changes);
  return written.length;
}
