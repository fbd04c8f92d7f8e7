import type { TenantDb } from "@mg/db";
import type { Counters } from "./counters";

/** One stored reading: a target's cumulative counters as the network reported them in an hour. */
export interface Snapshot extends Counters {
  postTargetId: string;
  socialAccountId: string;
  periodStart: Date;
}

const SNAPSHOT_SELECT = {
  postTargetId: true,
  socialAccountId: true,
  periodStart: true,
  impressions: true,
  reach: true,
  likes: true,
  comments: true,
  shares: true,
  clicks: true,
} as const;

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Each target's most recent snapshot: what the network says the post has now (the export, A/B
 * tests, campaign KPIs and hashtag scores read this; the analytics page reads gains, see report.ts).
 * The latest period per target first, then exactly those rows through the unique (target, period).
 */
export async function latestSnapshots(db: TenantDb, targetIds: string[]): Promise<Map<string, Snapshot>> {
  const latest = new Map<string, Snapshot>();
  for (const ids of chunks([...new Set(targetIds)])) {
    const periods = await db.postMetric.groupBy({ by: ["postTargetId"], where: { postTargetId: { in: ids } }, _max: { periodStart: true } });
    const keys = periods.flatMap((p) => (p._max.periodStart ? [{ postTargetId: p.postTargetId, periodStart: p._max.periodStart }] : []));
    if (keys.length === 0) continue;
    const rows = await db.postMetric.findMany({ where: { OR: keys }, select: SNAPSHOT_SELECT });
    for (const row of rows) latest.set(row.postTargetId, row);
  }
  return latest;
}
