import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@mg/db";
import { loadScores } from "./rules";

/**
 * The contact page's "why": per score the total and its ledger entries, newest first, with the
 * rule's name and the entry's reason. `ledgerSum` is computed from the entries by the same
 * statement, so the page can show — and a test can hold — that the total is their sum.
 */
export async function explainContactScores(db: TenantDb, contactId: string, page: { scoreId?: string; cursor?: string; limit: number }) {
  const scores = (await loadScores(db)).filter((s) => !page.scoreId || s.id === page.scoreId);
  if (page.scoreId && scores.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "Score not found." });
  const cursor = page.cursor ? await db.scoreLedger.findFirst({ where: { id: page.cursor, contactId }, select: { id: true, occurredAt: true } }) : null;
  const totals = await db.contactScore.findMany({ where: { contactId }, select: { scoreId: true, total: true } });
  const sums = await db.scoreLedger.groupBy({ by: ["scoreId"], where: { contactId }, _sum: { points: true }, _count: { _all: true } });
  return Promise.all(
    scores.map(async (score) => {
      const rows = await db.scoreLedger.findMany({
        where: {
          contactId,
          scoreId: score.id,
          ...(cursor ? { OR: [{ occurredAt: { lt: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, id: { lt: cursor.id } }] } : {}),
        },
        orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
        take: page.limit + 1,
        select: { id: true, points: true, reason: true, occurredAt: true, decayOfId: true, rule: { select: { id: true, name: true, kind: true } } },
      });
      const sum = sums.find((s) => s.scoreId === score.id);
      return {
        scoreId: score.id,
        label: score.label,
        isPrimary: score.isPrimary,
        thresholds: score.thresholds,
        total: totals.find((t) => t.scoreId === score.id)?.total ?? 0,
        ledgerSum: sum?._sum.points ?? 0,
        entryCount: sum?._count._all ?? 0,
        entries: rows.slice(0, page.limit).map((r) => ({
          id: r.id,
          points: r.points,
          reason: r.reason,
          occurredAt: r.occurredAt,
          kind: r.decayOfId ? ("DECAY" as const) : (r.rule?.kind ?? ("MANUAL" as const)),
          ruleName: r.rule?.name ?? null,
        })),
        nextCursor: rows.length > page.limit ? (rows[page.limit - 1]?.id ?? null) : null,
      };
    }),
  );
}

