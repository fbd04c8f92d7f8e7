import { TRPCError } from "@trpc/server";
import type { Organization, TenantDb } from "@mg/db";
import { suggestOptimalTimes } from "@mg/scheduling";
import { engagementRate, engagementsOf } from "@mg/integrations/metrics";

/** Metrics look-back for the suggestion: recent enough to reflect the audience of today. */
const HISTORY_DAYS = 90;

/**
 * Best posting times for an account from the organization's own results (engagement rate of
 * each published post, by local weekday and hour); the network's defaults until there is enough.
 */
export async function optimalTimesFor(db: TenantDb, org: Organization, accountId: string) {
  const account = await db.socialAccount.findFirst({ where: { id: accountId }, select: { id: true, network: true } });
  if (!account) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found." });
  const since = new Date(Date.now() - HISTORY_DAYS * 86_400_000);
  const targets = await db.postTarget.findMany({
    where: { socialAccountId: account.id, status: "PUBLISHED", publishedAt: { gte: since } },
    select: { id: true, publishedAt: true },
  });
  // The latest snapshot per target holds its totals (snapshots are cumulative, never summed).
  const snapshots = targets.length
    ? await db.postMetric.findMany({
        where: { postTargetId: { in: targets.map((t) => t.id) } },
        orderBy: [{ postTargetId: "asc" }, { periodStart: "desc" }],
        distinct: ["postTargetId"],
        select: { postTargetId: true, impressions: true, likes: true, comments: true, shares: true, clicks: true },
      })
    : [];
  const latest = new Map(snapshots.map((s) => [s.postTargetId, s]));
  const history = targets.flatMap((t) => {
    const m = latest.get(t.id);
    if (!m || !t.publishedAt || m.impressions === 0) return [];
    return [{ publishedAt: t.publishedAt, engagementRate: engagementRate(engagementsOf(m), m.impressions) }];
  });
  const suggestion = suggestOptimalTimes({ history, timezone: org.timezone, network: account.network });
  return { ...suggestion, timezone: org.timezone, samples: history.length };
}
