import { Prisma, type TenantDb } from "@mg/db";
import { conversionRate, leadCountsByLink } from "./links";

export interface LinkDay {
  /** UTC calendar day, YYYY-MM-DD. */
  day: string;
  link: number;
  qr: number;
  uniqueVisitors: number;
}

export interface LinkStats {
  days: number;
  from: string;
  to: string;
  visits: number;
  uniqueVisitors: number;
  /** All-time leads (contacts whose first or last touch names the link; unprocessed submissions). */
  leads: number;
  /** Leads per unique visitor over all time (null without visitors). */
  conversionRate: number | null;
  /** Over the range. */
  split: { link: number; qr: number };
  series: LinkDay[];
  allTime: { visits: number; uniqueVisitors: number };
}

/**
 * A link's numbers over the last `days` UTC days (today included), with one row per day (zero days
 * included) — one statement for the series and totals, one for all time, one for the leads.
 */
export async function linkStats(db: TenantDb, linkId: string, days: number, now: Date = new Date()): Promise<LinkStats> {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(to.getTime() - (days - 1) * 86_400_000);
  const org = db.$organizationId;
  const series = await db.$queryRaw<{ day: string; link: number; qr: number; uniqueVisitors: number }[]>(Prisma.sql`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day,
           count(v.id) FILTER (WHERE v.kind = 'LINK')::int AS link,
           count(v.id) FILTER (WHERE v.kind = 'QR')::int AS qr,
           count(DISTINCT coalesce(v.visitor_id, v.visitor_key))::int AS "uniqueVisitors"
      FROM generate_series(${from}::timestamp, ${to}::timestamp, interval '1 day') AS d(day)
      LEFT JOIN visits v
        ON v.organization_id = ${org}::uuid AND v.link_id = ${linkId}::uuid
       AND v.occurred_at >= d.day AND v.occurred_at < d.day + interval '1 day'
     GROUP BY d.day ORDER BY d.day`);
  const [range] = await db.$queryRaw<{ unique: number; allVisits: number; allUnique: number }[]>(Prisma.sql`
    SELECT count(DISTINCT coalesce(visitor_id, visitor_key)) FILTER (WHERE occurred_at >= ${from}::timestamp)::int AS "unique",
           count(*)::int AS "allVisits",
           count(DISTINCT coalesce(visitor_id, visitor_key))::int AS "allUnique"
      FROM visits WHERE organization_id = ${org}::uuid AND link_id = ${linkId}::uuid`);
  const leads = (await leadCountsByLink(db, [linkId])).get(linkId) ?? 0;
  const split = series.reduce((sum, d) => ({ link: sum.link + d.link, qr: sum.qr + d.qr }), { link: 0, qr: 0 });
  const allUnique = range?.allUnique ?? 0;
  return {
    days,
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    visits: split.link + split.qr,
    uniqueVisitors: range?.unique ?? 0,
    leads,
    conversionRate: conversionRate(leads, allUnique),
    split,
    series,
    allTime: { visits: range?.allVisits ?? 0, uniqueVisitors: allUnique },
  };
}
