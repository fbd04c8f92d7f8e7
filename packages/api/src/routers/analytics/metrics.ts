import type { TenantDb } from "@mg/db";
import type { PostMetrics } from "@mg/integrations/types";
import { engagementRate, engagementsOf, METRIC_KEYS, ZERO_METRICS } from "@mg/integrations/metrics";

export { engagementRate, engagementsOf };

/**
 * PostMetric rows are cumulative snapshots (one per target and hour). Everything here derives
 * numbers from them without ever adding two snapshots of the same target: totals come from each
 * target's latest snapshot only, series are differences between consecutive snapshots (so a
 * series always sums back to the latest total).
 */
export type Counters = PostMetrics;

export interface Snapshot extends Counters {
  postTargetId: string;
  socialAccountId: string;
  periodStart: Date;
}

export const COUNTER_KEYS = METRIC_KEYS;

export const ZERO: Counters = ZERO_METRICS;

export function addCounters(a: Counters, b: Counters): Counters {
  return {
    impressions: a.impressions + b.impressions,
    reach: a.reach + b.reach,
    likes: a.likes + b.likes,
    comments: a.comments + b.comments,
    shares: a.shares + b.shares,
    clicks: a.clicks + b.clicks,
  };
}

export function subtractCounters(a: Counters, b: Counters): Counters {
  return {
    impressions: a.impressions - b.impressions,
    reach: a.reach - b.reach,
    likes: a.likes - b.likes,
    comments: a.comments - b.comments,
    shares: a.shares - b.shares,
    clicks: a.clicks - b.clicks,
  };
}

export function countersOf(row: Counters): Counters {
  return { impressions: row.impressions, reach: row.reach, likes: row.likes, comments: row.comments, shares: row.shares, clicks: row.clicks };
}

export function withRate(c: Counters) {
  const engagements = engagementsOf(c);
  return { ...c, engagements, engagementRate: engagementRate(engagements, c.impressions) };
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
 * Each target's most recent snapshot (optionally the most recent one before `before`): the
 * latest period per target first, then exactly those rows through the unique (target, period).
 */
export async function latestSnapshots(db: TenantDb, targetIds: string[], options: { before?: Date } = {}): Promise<Map<string, Snapshot>> {
  const latest = new Map<string, Snapshot>();
  for (const ids of chunks([...new Set(targetIds)])) {
    const periods = await db.postMetric.groupBy({
      by: ["postTargetId"],
      where: { postTargetId: { in: ids }, ...(options.before ? { periodStart: { lt: options.before } } : {}) },
      _max: { periodStart: true },
    });
    const keys = periods.flatMap((p) => (p._max.periodStart ? [{ postTargetId: p.postTargetId, periodStart: p._max.periodStart }] : []));
    if (keys.length === 0) continue;
    const rows = await db.postMetric.findMany({ where: { OR: keys }, select: SNAPSHOT_SELECT });
    for (const row of rows) latest.set(row.postTargetId, row);
  }
  return latest;
}

/** All snapshots of the given targets (optionally from `since` on), oldest first. */
export async function snapshotsOf(db: TenantDb, targetIds: string[], options: { since?: Date } = {}): Promise<Snapshot[]> {
  const rows: Snapshot[] = [];
  for (const ids of chunks([...new Set(targetIds)])) {
    rows.push(
      ...(await db.postMetric.findMany({
        where: { postTargetId: { in: ids }, ...(options.since ? { periodStart: { gte: options.since } } : {}) },
        orderBy: [{ postTargetId: "asc" }, { periodStart: "asc" }],
        select: SNAPSHOT_SELECT,
      })),
    );
  }
  return rows;
}

export interface Delta extends Counters {
  postTargetId: string;
  socialAccountId: string;
  periodStart: Date;
}

/**
 * Per-period increments of each target: snapshot minus the target's previous snapshot (or its
 * `baseline` — the last snapshot before the window — or zero for a target's first period).
 */
export function deltasOf(snapshots: Snapshot[], baselines: Map<string, Snapshot> = new Map()): Delta[] {
  const previous = new Map<string, Counters>();
  const sorted = [...snapshots].sort((a, b) => (a.postTargetId === b.postTargetId ? a.periodStart.getTime() - b.periodStart.getTime() : a.postTargetId < b.postTargetId ? -1 : 1));
  return sorted.map((snapshot) => {
    const before = previous.get(snapshot.postTargetId) ?? baselines.get(snapshot.postTargetId) ?? ZERO;
    const current = countersOf(snapshot);
    previous.set(snapshot.postTargetId, current);
    return { postTargetId: snapshot.postTargetId, socialAccountId: snapshot.socialAccountId, periodStart: snapshot.periodStart, ...subtractCounters(current, countersOf(before)) };
  });
}

/** "YYYY-MM-DD" of an instant in UTC (the day AccountMetric rows are keyed by). */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The last `days` UTC days, oldest first, ending today. */
export function lastUtcDays(days: number, now: Date = new Date()): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: days }, (_, i) => utcDay(new Date(today - (days - 1 - i) * 86_400_000)));
}

/** Start (00:00 UTC) of the first of the last `days` days. */
export function windowStart(days: number, now: Date = new Date()): Date {
  return new Date(`${lastUtcDays(days, now)[0] ?? utcDay(now)}T00:00:00.000Z`);
}
