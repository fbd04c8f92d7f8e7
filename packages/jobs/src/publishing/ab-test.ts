import { withOrg, type AbTestMetric } from "@mg/db";
import type { PostMetrics } from "@mg/integrations/types";
import { engagementRate, engagementsOf, ZERO_METRICS } from "@mg/integrations/metrics";
import { alertKeys, raiseAlert } from "./alerts";

// A mapped type (not the interface itself) so the totals stay assignable to Prisma JSON.
export type VariantTotals = { [K in keyof PostMetrics]: number };

export type VariantResult = {
  postId: string;
  key: string | null;
  /** The test's metric for this variant (a ratio for ENGAGEMENT_RATE). */
  value: number;
  totals: VariantTotals;
};

/** Stored in AbTest.result. */
export type AbTestResult = {
  metric: AbTestMetric;
  variants: VariantResult[];
  decidedBy: "metric" | "no-data";
  winnerPostId: string | null;
  decidedAt: string;
};

export function metricValue(metric: AbTestMetric, t: VariantTotals): number {
  switch (metric) {
    case "ENGAGEMENT_RATE":
      return engagementRate(engagementsOf(t), t.impressions);
    case "IMPRESSIONS":
      return t.impressions;
    case "LIKES":
      return t.likes;
    case "COMMENTS":
      return t.comments;
    case "SHARES":
      return t.shares;
    case "CLICKS":
      return t.clicks;
  }
}

const zero = (): VariantTotals => ({ ...ZERO_METRICS });

/**
 * Picks the winner highest on the test's metric. Ties go to the earlier variant key, so the
 * decision is deterministic; no data at all (nothing published or measured) decides nothing.
 */
export function pickWinner(metric: AbTestMetric, variants: readonly Omit<VariantResult, "value">[]): { variants: VariantResult[]; winner: VariantResult | null } {
  const scored = variants
    .map((v) => ({ ...v, value: metricValue(metric, v.totals) }))
    .sort((a, b) => (a.key ?? "").localeCompare(b.key ?? "") || a.postId.localeCompare(b.postId));
  const measured = scored.some((v) => v.totals.impressions > 0 || v.value > 0);
  if (!measured) return { variants: scored, winner: null };
  const winner = scored.reduce((best, v) => (v.value > best.value ? v : best));
  return { variants: scored, winner };
}

export interface DecideAbTestInput {
  organizationId: string;
  abTestId: string;
  now?: Date;
}

export type DecideAbTestOutcome =
  | { status: "decided"; result: AbTestResult }
  | { status: "already-decided"; winnerPostId: string | null }
  | { status: "skipped"; reason: string };

/**
 * Decides a RUNNING test from the latest metric snapshot of each variant's targets (snapshots
 * are cumulative, so only the newest per target counts; targets of one variant are summed).
 * Idempotent: the status flip is conditional, and a decided test is returned as it is.
 */
export async function decideAbTest(input: DecideAbTestInput): Promise<DecideAbTestOutcome> {
  const now = input.now ?? new Date();
  return withOrg(input.organizationId, async (db) => {
    const test = await db.abTest.findUnique({
      where: { id: input.abTestId },
      include: { posts: { select: { id: true, abVariantKey: true, targets: { select: { id: true } } } } },
    });
    if (!test) return { status: "skipped", reason: "The A/B test was deleted." };
    if (test.status === "DECIDED") return { status: "already-decided", winnerPostId: test.winnerPostId };
    if (test.status !== "RUNNING") return { status: "skipped", reason: `The A/B test is ${test.status.toLowerCase()}.` };

    const targetIds = test.posts.flatMap((p) => p.targets.map((t) => t.id));
    const snapshots = targetIds.length
      ? await db.postMetric.findMany({
          where: { postTargetId: { in: targetIds } },
          orderBy: [{ postTargetId: "asc" }, { periodStart: "desc" }],
          distinct: ["postTargetId"],
        })
      : [];
    const latest = new Map(snapshots.map((s) => [s.postTargetId, s]));

    const variants = test.posts.map((post) => {
      const totals = zero();
      for (const target of post.targets) {
        const s = latest.get(target.id);
        if (!s) continue;
        totals.impressions += s.impressions;
        totals.reach += s.reach;
        totals.likes += s.likes;
        totals.comments += s.comments;
        totals.shares += s.shares;
        totals.clicks += s.clicks;
      }
      return { postId: post.id, key: post.abVariantKey, totals };
    });
    const { variants: scored, winner } = pickWinner(test.metric, variants);
    const result: AbTestResult = {
      metric: test.metric,
      variants: scored,
      decidedBy: winner ? "metric" : "no-data",
      winnerPostId: winner?.postId ?? null,
      decidedAt: now.toISOString(),
    };

    const { count } = await db.abTest.updateMany({
      where: { id: test.id, status: "RUNNING" },
      data: { status: "DECIDED", winnerPostId: result.winnerPostId, result: { ...result }, decidedAt: now },
    });
    if (count === 0) {
      const current = await db.abTest.findUnique({ where: { id: test.id }, select: { winnerPostId: true } });
      return { status: "already-decided", winnerPostId: current?.winnerPostId ?? null };
    }

    const label = (v: VariantResult) => `variant ${v.key ?? v.postId.slice(0, 8)}`;
    const summary = scored.map((v) => `${label(v)}: ${formatValue(test.metric, v.value)}`).join(", ");
    await raiseAlert(db, {
      organizationId: input.organizationId,
      kind: "AB_TEST_DECIDED",
      title: winner ? `A/B test "${test.name}": ${label(winner)} won` : `A/B test "${test.name}" ended without data`,
      body: winner
        ? `Decided by ${test.metric.toLowerCase().replace("_", " ")} — ${summary}.`
        : `No variant was measured within the ${test.windowHours}-hour window, so no winner was picked.`,
      postId: winner?.postId ?? null,
      dedupeKey: alertKeys.abTestDecided(test.id),
    });
    return { status: "decided", result };
  });
}

function formatValue(metric: AbTestMetric, value: number): string {
  return metric === "ENGAGEMENT_RATE" ? `${(value * 100).toFixed(2)}%` : String(value);
}

/** The accounts of a test's variants: the decision refreshes their metrics first. */
export async function abTestAccounts(organizationId: string, abTestId: string): Promise<string[]> {
  return withOrg(organizationId, async (db) => {
    const targets = await db.postTarget.findMany({
      where: { post: { abTestId }, status: "PUBLISHED" },
      select: { socialAccountId: true },
      distinct: ["socialAccountId"],
    });
    return targets.map((t) => t.socialAccountId);
  });
}
