import { Prisma, type TenantDb } from "@mg/db";
import { toLocalTime } from "@mg/scheduling";
import type { RecordVisibility } from "./record-visibility";
import { ownerFilter } from "./deals-board";

/**
 * The forecast, all in SQL, per currency (never summed across currencies):
 * - weighted pipeline by expected close month: open deals, Σ amount × stage probability / 100;
 *   deals expected before the first month are "overdue", deals without a date "undated";
 * - the same by owner;
 * - won per month, by the month (organization time zone) the deal was closed.
 */

export interface MonthAmount {
  month: string;
  currency: string;
  count: number;
  totalMinor: string;
  weightedMinor: string;
}

export interface ForecastInput {
  pipelineId?: string;
  from?: string;
  months: number;
  timezone: string;
  now?: Date;
}

/** "YYYY-MM" plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export function monthRange(from: string, months: number): string[] {
  return Array.from({ length: months }, (_, i) => addMonths(from, i));
}

interface Row {
  bucket: string | null;
  currency: string;
  count: number;
  total: string;
  weighted: string;
}

const toAmount = (r: Row, month: string): MonthAmount => ({ month, currency: r.currency, count: r.count, totalMinor: r.total, weightedMinor: r.weighted });

export async function forecast(db: TenantDb, visibility: RecordVisibility, input: ForecastInput) {
  const thisMonth = toLocalTime(input.now ?? new Date(), input.timezone).slice(0, 7);
  const from = input.from ?? thisMonth;
  const months = monthRange(from, input.months);
  const until = addMonths(from, input.months);
  const pipeline = input.pipelineId ? Prisma.sql`AND d.pipeline_id = ${input.pipelineId}::uuid` : Prisma.empty;
  const owners = ownerFilter(visibility, undefined);
  const openDeals = Prisma.sql`
    FROM deals d
    JOIN pipeline_stages s ON s.organization_id = d.organization_id AND s.id = d.stage_id
    JOIN pipelines p ON p.organization_id = d.organization_id AND p.id = d.pipeline_id
    WHERE d.organization_id = ${db.$organizationId}::uuid AND d.deleted_at IS NULL AND s.kind = 'OPEN' AND p.archived_at IS NULL
      ${pipeline} ${owners}`;
  const sums = Prisma.sql`d.currency, count(*)::int AS count, sum(d.amount_minor)::text AS total, round(sum(d.amount_minor::numeric * s.probability) / 100)::text AS weighted`;

  const [byMonthRows, byOwnerRows, wonRows] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT CASE WHEN d.expected_close_on IS NULL THEN 'undated'
                  WHEN substr(d.expected_close_on, 1, 7) < ${from} THEN 'overdue'
                  WHEN substr(d.expected_close_on, 1, 7) >= ${until} THEN 'later'
                  ELSE substr(d.expected_close_on, 1, 7) END AS bucket, ${sums}
      ${openDeals}
      GROUP BY 1, d.currency ORDER BY 1, d.currency`,
    db.$queryRaw<Row[]>`
      SELECT d.owner_user_id::text AS bucket, ${sums}
      ${openDeals}
      GROUP BY d.owner_user_id, d.currency ORDER BY d.owner_user_id NULLS LAST, d.currency`,
    db.$queryRaw<Row[]>`
      SELECT to_char(d.closed_at AT TIME ZONE ${input.timezone}, 'YYYY-MM') AS bucket, d.currency, count(*)::int AS count,
             sum(d.amount_minor)::text AS total, sum(d.amount_minor)::text AS weighted
      FROM deals d
      JOIN pipeline_stages s ON s.organization_id = d.organization_id AND s.id = d.stage_id
      WHERE d.organization_id = ${db.$organizationId}::uuid AND d.deleted_at IS NULL AND s.kind = 'WON' AND d.closed_at IS NOT NULL
        AND to_char(d.closed_at AT TIME ZONE ${input.timezone}, 'YYYY-MM') >= ${addMonths(thisMonth, 1 - input.months)}
        AND to_char(d.closed_at AT TIME ZONE ${input.timezone}, 'YYYY-MM') <= ${thisMonth}
        ${pipeline} ${owners}
      GROUP BY 1, d.currency ORDER BY 1, d.currency`,
  ]);

  const special = new Set(["overdue", "undated", "later"]);
  const inRange = byMonthRows.filter((r) => r.bucket !== null && !special.has(r.bucket));
  return {
    months,
    wonMonths: monthRange(addMonths(thisMonth, 1 - input.months), input.months),
    weightedByMonth: inRange.map((r) => toAmount(r, r.bucket ?? "")),
    /** Open deals expected to close after the last month shown. */
    later: byMonthRows.filter((r) => r.bucket === "later").map((r) => toAmount(r, "later")),
    overdue: byMonthRows.filter((r) => r.bucket === "overdue").map((r) => toAmount(r, "overdue")),
    undated: byMonthRows.filter((r) => r.bucket === "undated").map((r) => toAmount(r, "undated")),
    weightedByOwner: byOwnerRows.map((r) => ({ ownerUserId: r.bucket, currency: r.currency, count: r.count, totalMinor: r.total, weightedMinor: r.weighted })),
    wonByMonth: wonRows.map((r) => ({ month: r.bucket ?? "", currency: r.currency, count: r.count, totalMinor: r.total })),
  };
}
