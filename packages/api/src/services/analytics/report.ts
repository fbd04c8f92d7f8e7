import { Prisma, type TenantDb } from "@mg/db";
import { addCounters, COUNTER_KEYS, engagementRate, engagementsOf, ZERO, type Counters } from "./counters";

/**
 * The one place analytics numbers come from. `post_metrics` rows are what the network said a post
 * had at an hour (cumulative counters, replaced within the hour by the sync). A period's number is
 * what the post GAINED since its previous reading: max(0, reading − previous reading), per
 * counter. A counter that went down (a network recount, a reset, a like taken back, a deleted
 * post) gains 0 in that period and the period is marked (`decreases`, `dropped`), so no chart
 * ever shows a negative bar and nothing is silently subtracted. Cards are the sum of the very
 * series the charts draw (`totals` is computed from `series`), so the two cannot disagree.
 */
export interface PeriodNumbers extends Counters {
  engagements: number;
  engagementRate: number;
  /** Readings in this period whose counters were lower than the reading before: each counted as 0 gain. */
  decreases: number;
  /** How much the counters went down in those readings (positive numbers, never subtracted from the gains). */
  dropped: Counters;
}

export interface SeriesPoint extends PeriodNumbers {
  /** "YYYY-MM-DD" (day buckets) or the hour's ISO instant (hour buckets), UTC. */
  period: string;
}

export interface Summary {
  series: SeriesPoint[];
  /** The sum of `series`. */
  totals: PeriodNumbers;
  /** The latest reading that went into this summary. */
  lastReading: Date | null;
}

export interface FollowerSummary {
  /** Per day of `days`: the day's follower count, carried forward over days without one (null before the first). */
  series: (number | null)[];
  /** The last day's count. */
  last: number | null;
  /** Last minus the count the window started with. Followers are a level, not a counter: a loss is real, so this may be negative. */
  change: number | null;
}

export interface ReportRequest {
  bucket: "day" | "hour";
  /** Gains from this instant on; the reading just before it is each target's baseline. Without it: the whole history. */
  since?: Date;
  /** With day buckets: the days to report, oldest first (days without readings are zeros). */
  days?: string[];
  accountIds?: string[];
  targetIds?: string[];
  /** Also summarize per target (a post's page); otherwise per account only. */
  perTarget?: boolean;
  /** Read follower counts too (day buckets only). */
  followers?: boolean;
}

export interface MetricsReport {
  all: Summary;
  accounts: Map<string, Summary>;
  targets: Map<string, Summary>;
  followers: Map<string, FollowerSummary>;
}

interface GainRow extends Counters {
  accountId: string;
  targetId: string | null;
  period: string;
  lastReading: string;
  decreases: number;
  droppedImpressions: number;
  droppedReach: number;
  droppedLikes: number;
  droppedComments: number;
  droppedShares: number;
  droppedClicks: number;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * One statement: the readings in scope plus, with `since`, each target's last reading before it
 * (its baseline, through the unique (target, period) index); each reading minus the previous one of
 * the same target (`lag`, 0 before the first); gains and drops summed per account (and target)
 * and UTC day or hour. Explicit `organization_id` filters on top of RLS, like every raw query.
 */
function gainsSql(organizationId: string, request: ReportRequest): Prisma.Sql {
  const org = Prisma.sql`${organizationId}::uuid`;
  const scope: Prisma.Sql[] = [Prisma.sql`m.organization_id = ${org}`];
  if (request.accountIds) scope.push(Prisma.sql`m.social_account_id = ANY(${request.accountIds}::uuid[])`);
  if (request.targetIds) scope.push(Prisma.sql`m.post_target_id = ANY(${request.targetIds}::uuid[])`);
  const inside = request.since ? [...scope, Prisma.sql`m.period_start >= ${request.since}`] : scope;
  const columns = Prisma.sql`post_target_id, social_account_id, period_start, impressions, reach, likes, comments, shares, clicks`;
  const baseline = request.since
    ? Prisma.sql`
      UNION ALL
      SELECT b.post_target_id, b.social_account_id, b.period_start, b.impressions, b.reach, b.likes, b.comments, b.shares, b.clicks, false
      FROM (SELECT DISTINCT post_target_id FROM inside) t
      CROSS JOIN LATERAL (
        SELECT ${columns} FROM post_metrics p
        WHERE p.organization_id = ${org} AND p.post_target_id = t.post_target_id AND p.period_start < ${request.since}
        ORDER BY p.period_start DESC LIMIT 1
      ) b`
    : Prisma.empty;
  const period = request.bucket === "day" ? Prisma.sql`to_char(period_start, 'YYYY-MM-DD')` : Prisma.raw(`to_char(date_trunc('hour', period_start), ${ISO})`);
  const target = request.perTarget ? Prisma.sql`post_target_id` : Prisma.sql`NULL::uuid`;
  const sum = (key: string) => Prisma.raw(`COALESCE(SUM(GREATEST(${key}, 0)), 0)::float8 AS "${key}"`);
  const drop = (key: string) => Prisma.raw(`COALESCE(SUM(GREATEST(-${key}, 0)), 0)::float8 AS "dropped${key[0]?.toUpperCase() ?? ""}${key.slice(1)}"`);
  return Prisma.sql`
    WITH inside AS (
      SELECT ${columns}, true AS counted FROM post_metrics m WHERE ${Prisma.join(inside, " AND ")}
    ),
    readings AS (
      SELECT * FROM inside ${baseline}
    ),
    steps AS (
      SELECT post_target_id, social_account_id, period_start, counted,
             ${Prisma.join(
               COUNTER_KEYS.map((key) => Prisma.raw(`${key} - lag(${key}, 1, 0) OVER w AS ${key}`)),
               ", ",
             )}
      FROM readings
      WINDOW w AS (PARTITION BY post_target_id ORDER BY period_start)
    )
    SELECT social_account_id::text AS "accountId", ${target}::text AS "targetId", ${period} AS period,
           ${Prisma.raw(`to_char(MAX(period_start), ${ISO})`)} AS "lastReading",
           ${Prisma.join(COUNTER_KEYS.map(sum), ", ")},
           ${Prisma.join(COUNTER_KEYS.map(drop), ", ")},
           (COUNT(*) FILTER (WHERE LEAST(impressions, reach, likes, comments, shares, clicks) < 0))::int AS decreases
    FROM steps
    WHERE counted
    GROUP BY 1, 2, 3
    ORDER BY 3, 1, 2`;
}

function zeroNumbers(): PeriodNumbers {
  return { ...ZERO, engagements: 0, engagementRate: 0, decreases: 0, dropped: ZERO };
}

function addNumbers(a: PeriodNumbers, b: Counters & { decreases: number; dropped: Counters }): PeriodNumbers {
  const counters = addCounters(a, b);
  const engagements = engagementsOf(counters);
  return { ...counters, engagements, engagementRate: engagementRate(engagements, counters.impressions), decreases: a.decreases + b.decreases, dropped: addCounters(a.dropped, b.dropped) };
}

function numbersOf(row: GainRow): Counters & { decreases: number; dropped: Counters } {
  return {
    impressions: row.impressions,
    reach: row.reach,
    likes: row.likes,
    comments: row.comments,
    shares: row.shares,
    clicks: row.clicks,
    decreases: row.decreases,
    dropped: { impressions: row.droppedImpressions, reach: row.droppedReach, likes: row.droppedLikes, comments: row.droppedComments, shares: row.droppedShares, clicks: row.droppedClicks },
  };
}

/** Adds rows up per period; the series is `periods` (filled with zeros) or, without it, the periods the rows have. */
function summarize(rows: GainRow[], periods: string[] | undefined): Summary {
  const byPeriod = new Map<string, PeriodNumbers>();
  let lastReading: string | null = null;
  for (const row of rows) {
    byPeriod.set(row.period, addNumbers(byPeriod.get(row.period) ?? zeroNumbers(), numbersOf(row)));
    if (lastReading === null || row.lastReading > lastReading) lastReading = row.lastReading;
  }
  const keys = periods ?? [...byPeriod.keys()].sort();
  const series = keys.map((period) => ({ period, ...(byPeriod.get(period) ?? zeroNumbers()) }));
  const totals = series.reduce<PeriodNumbers>((sum, point) => addNumbers(sum, point), zeroNumbers());
  return { series, totals, lastReading: lastReading === null ? null : new Date(lastReading) };
}

function groupBy(rows: GainRow[], key: (row: GainRow) => string | null): Map<string, GainRow[]> {
  const groups = new Map<string, GainRow[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

async function followerSummaries(db: TenantDb, days: string[], accountIds: string[] | undefined): Promise<Map<string, FollowerSummary>> {
  const first = days[0];
  if (!first) return new Map();
  const only = accountIds ? { socialAccountId: { in: accountIds } } : {};
  const inWindow = await db.accountMetric.findMany({ where: { ...only, day: { gte: first } }, select: { socialAccountId: true, day: true, followers: true }, orderBy: { day: "asc" } });
  // The count the window starts from: each account's last day before it.
  const before = await db.accountMetric.findMany({
    where: { ...only, day: { lt: first } },
    distinct: ["socialAccountId"],
    orderBy: [{ socialAccountId: "asc" }, { day: "desc" }],
    select: { socialAccountId: true, followers: true },
  });
  const start = new Map(before.map((row) => [row.socialAccountId, row.followers]));
  const byAccount = new Map<string, Map<string, number>>();
  for (const row of inWindow) byAccount.set(row.socialAccountId, (byAccount.get(row.socialAccountId) ?? new Map<string, number>()).set(row.day, row.followers));
  const summaries = new Map<string, FollowerSummary>();
  for (const accountId of new Set([...start.keys(), ...byAccount.keys()])) {
    const known = byAccount.get(accountId) ?? new Map<string, number>();
    let current: number | null = start.get(accountId) ?? null;
    const series = days.map((day) => (current = known.get(day) ?? current));
    const startedWith = start.get(accountId) ?? series.find((n) => n !== null) ?? null;
    const last = series.at(-1) ?? null;
    summaries.set(accountId, { series, last, change: startedWith !== null && last !== null ? last - startedWith : null });
  }
  return summaries;
}

const EMPTY_SUMMARY: Summary = { series: [], totals: zeroNumbers(), lastReading: null };

/** An account's (or target's) summary, or zeros over the same periods when it gained nothing. */
export function summaryOr(report: MetricsReport, map: "accounts" | "targets", id: string, days?: string[]): Summary {
  return report[map].get(id) ?? (days ? summarize([], days) : EMPTY_SUMMARY);
}

export async function metricsReport(db: TenantDb, request: ReportRequest): Promise<MetricsReport> {
  const rows = await db.$queryRaw<GainRow[]>(gainsSql(db.$organizationId, request));
  const periods = request.bucket === "day" ? request.days : undefined;
  const accounts = new Map([...groupBy(rows, (r) => r.accountId)].map(([id, own]) => [id, summarize(own, periods)]));
  const targets = new Map([...groupBy(rows, (r) => r.targetId)].map(([id, own]) => [id, summarize(own, periods)]));
  const followers = request.followers && request.days ? await followerSummaries(db, request.days, request.accountIds) : new Map<string, FollowerSummary>();
  return { all: summarize(rows, periods), accounts, targets, followers };
}
