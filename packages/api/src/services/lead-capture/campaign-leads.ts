import { Prisma, type TenantDb } from "@mg/db";
import type { RecordVisibility } from "../crm/record-visibility";

/** How a campaign's name reads as a utm_campaign value ("Spring Sale" → "spring-sale", "spring_sale", "spring sale"). */
export function utmCampaignKeys(name: string): string[] {
  const lower = name.trim().toLowerCase();
  const words = lower.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [...new Set([lower, words.join("-"), words.join("_"), words.join(" "), words.join("")])].filter(Boolean);
}

export interface CampaignLeadRow {
  id: string;
  name: string;
  email: string | null;
  lifecycleStage: string;
  createdAt: Date;
  /** Which touch matched: first, last or both. */
  touch: "first" | "last" | "both";
  via: string | null;
}

/**
 * One statement: the contacts whose first or last touch names one of the campaign's links or its
 * UTM campaign (the campaign's name in its usual spellings, or any utm_campaign its links set),
 * counted (all, customers) and the most recent `limit` of them. Own-records visibility applies.
 */
export async function campaignLeads(db: TenantDb, campaign: { id: string; name: string }, visibility: RecordVisibility, limit: number) {
  const org = db.$organizationId;
  const owner = visibility.ownOnly ? Prisma.sql`AND c.owner_user_id = ${visibility.userId}::uuid` : Prisma.empty;
  const keys = utmCampaignKeys(campaign.name);
  const rows = await db.$queryRaw<(CampaignLeadRow & { total: number; customers: number; viaLink: number; viaQr: number })[]>(Prisma.sql`
    WITH links AS (
      SELECT id::text AS id, lower(utm->>'campaign') AS utm FROM tracked_links WHERE organization_id = ${org}::uuid AND campaign_id = ${campaign.id}::uuid
    ), keys AS (
      SELECT unnest(${keys}::text[]) AS k UNION SELECT utm FROM links WHERE utm IS NOT NULL
    ), matched AS (
      SELECT c.id, c.first_name, c.last_name, c.primary_email, c.lifecycle_stage, c.created_at, c.first_touch, c.last_touch,
             (c.first_touch->>'linkId' IN (SELECT id FROM links) OR lower(c.first_touch->>'utmCampaign') IN (SELECT k FROM keys)) AS by_first,
             (c.last_touch->>'linkId' IN (SELECT id FROM links) OR lower(c.last_touch->>'utmCampaign') IN (SELECT k FROM keys)) AS by_last
        FROM contacts c
       WHERE c.organization_id = ${org}::uuid AND c.deleted_at IS NULL AND c.merged_into_id IS NULL ${owner}
         AND (c.first_touch IS NOT NULL OR c.last_touch IS NOT NULL)
    ), hits AS (
      SELECT * FROM matched WHERE by_first IS TRUE OR by_last IS TRUE
    )
    SELECT h.id::text AS id,
           trim(concat_ws(' ', h.first_name, h.last_name)) AS name,
           h.primary_email AS email,
           h.lifecycle_stage::text AS "lifecycleStage",
           h.created_at AS "createdAt",
           CASE WHEN h.by_first IS TRUE AND h.by_last IS TRUE THEN 'both' WHEN h.by_first IS TRUE THEN 'first' ELSE 'last' END AS touch,
           CASE WHEN h.by_first IS TRUE THEN h.first_touch->>'via' ELSE h.last_touch->>'via' END AS via,
           count(*) OVER ()::int AS total,
           (count(*) FILTER (WHERE h.lifecycle_stage = 'CUSTOMER') OVER ())::int AS customers,
           (count(*) FILTER (WHERE (CASE WHEN h.by_first IS TRUE THEN h.first_touch->>'via' ELSE h.last_touch->>'via' END) = 'link') OVER ())::int AS "viaLink",
           (count(*) FILTER (WHERE (CASE WHEN h.by_first IS TRUE THEN h.first_touch->>'via' ELSE h.last_touch->>'via' END) = 'qr') OVER ())::int AS "viaQr"
      FROM hits h
     ORDER BY h.created_at DESC, h.id DESC
     LIMIT ${limit}`);
  const first = rows[0];
  return {
    contacts: first?.total ?? 0,
    customers: first?.customers ?? 0,
    viaLink: first?.viaLink ?? 0,
    viaQr: first?.viaQr ?? 0,
    recent: rows.map(({ total: _t, customers: _c, viaLink: _l, viaQr: _q, ...row }) => ({ ...row, name: row.name || row.email || "Unnamed contact" })),
  };
}
