import { randomInt } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { Prisma, type TenantDb } from "@mg/db";
import { apiEnv } from "../../env";
import { GENERATED_CODE_LENGTH, UTM_KEYS, utmSchema, withUtm, type LinkDestination, type Utm } from "../../schemas/links";

export { withUtm };

/**
 * Tracked links: codes, short URLs, destinations. A code is global (a visitor's /r/{code} names no
 * organization), so it is claimed in `link_codes` through `mg_claim_link_code` — the app role can
 * neither read nor write that table, and a claim is only ever for the organization in scope.
 * Codes are never released (not even when the organization is deleted): a printed poster never
 * starts pointing at somebody else's link.
 */

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Random claims before giving up (each collides with probability links / 62^7). */
const CLAIM_ATTEMPTS = 8;

export function generateCode(length: number = GENERATED_CODE_LENGTH): string {
  let code = "";
  for (let i = 0; i < length; i++) code += BASE62[randomInt(BASE62.length)];
  return code;
}

/** Claims `code` for `linkId` in the organization in scope; false when any organization already holds it. */
export async function claimCode(db: TenantDb, code: string, linkId: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ claimed: boolean }[]>`SELECT mg_claim_link_code(${code}, ${linkId}::uuid) AS claimed`;
  return row?.claimed === true;
}

/**
 * Claims the vanity code, or generated codes until one is free. `generate` is injectable so the
 * collision path can be tested; a vanity code that is taken is a CONFLICT (whoever holds it).
 */
export async function claimLinkCode(db: TenantDb, linkId: string, vanity: string | undefined, generate: () => string = generateCode): Promise<string> {
  if (vanity) {
    if (await claimCode(db, vanity, linkId)) return vanity;
    throw new TRPCError({ code: "CONFLICT", message: `The code “${vanity}” is taken. Choose another one.` });
  }
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const code = generate();
    if (await claimCode(db, code, linkId)) return code;
  }
  throw new TRPCError({ code: "CONFLICT", message: "Could not find a free code. Please try again." });
}

/** The marketing site's public origin (NEXT_PUBLIC_MARKETING_URL). */
export function siteOrigin(): string {
  return apiEnv().NEXT_PUBLIC_MARKETING_URL;
}

export function shortUrl(code: string, origin: string = siteOrigin()): string {
  return `${origin}/r/${encodeURIComponent(code)}`;
}

/** What a QR code encodes: the short URL marked as a scan (the redirect strips the marker). */
export function qrUrl(code: string, origin: string = siteOrigin()): string {
  return `${shortUrl(code, origin)}?qr=1`;
}

/** A landing page's public path (`/p/{orgSlug}/{pageSlug}`). */
export function pagePath(orgSlug: string, pageSlug: string): string {
  return `/p/${encodeURIComponent(orgSlug)}/${encodeURIComponent(pageSlug)}`;
}

/** The stored UTM object, read defensively (a malformed value is "no UTM", never a crash). */
export function parseUtm(value: unknown): Utm {
  const parsed = utmSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** Only the keys that are set (stored JSON stays small and comparable). */
export function compactUtm(utm: Utm): Utm {
  const out: Utm = {};
  for (const key of UTM_KEYS) if (utm[key]) out[key] = utm[key];
  return out;
}

/** A page destination must be one of the organization's live pages; a URL is already validated https. */
export async function destinationColumns(db: TenantDb, destination: LinkDestination): Promise<{ pageId: string | null; destinationUrl: string | null }> {
  if (destination.kind === "url") return { pageId: null, destinationUrl: destination.url };
  const page = await db.landingPage.findFirst({ where: { id: destination.pageId, deletedAt: null }, select: { id: true } });
  if (!page) throw new TRPCError({ code: "NOT_FOUND", message: "Landing page not found." });
  return { pageId: page.id, destinationUrl: null };
}

/** A campaign of the organization (social publishing), or null. */
export async function campaignColumn(db: TenantDb, campaignId: string | null | undefined): Promise<string | null> {
  if (!campaignId) return null;
  const campaign = await db.campaign.findFirst({ where: { id: campaignId }, select: { id: true } });
  if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "Campaign not found." });
  return campaign.id;
}

export const LINK_SELECT = {
  id: true,
  code: true,
  name: true,
  pageId: true,
  destinationUrl: true,
  utm: true,
  campaignId: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  page: { select: { id: true, name: true, slug: true, status: true, deletedAt: true } },
  campaign: { select: { id: true, name: true, color: true } },
} as const;

type LinkRow = Prisma.TrackedLinkGetPayload<{ select: typeof LINK_SELECT }>;

/** The API's view of a link: its short URL, QR URL and final destination (UTM included). */
export function presentLink(link: LinkRow, orgSlug: string, origin: string = siteOrigin()) {
  const utm = parseUtm(link.utm);
  const base = link.page ? `${origin}${pagePath(orgSlug, link.page.slug)}` : (link.destinationUrl ?? "");
  return {
    id: link.id,
    code: link.code,
    name: link.name,
    destination: link.page ? ({ kind: "page", pageId: link.page.id } as const) : ({ kind: "url", url: link.destinationUrl ?? "" } as const),
    page: link.page ? { id: link.page.id, name: link.page.name, slug: link.page.slug, published: link.page.status === "PUBLISHED" && link.page.deletedAt === null } : null,
    utm,
    campaign: link.campaign,
    archivedAt: link.archivedAt,
    createdAt: link.createdAt,
    updatedAt: link.updatedAt,
    shortUrl: shortUrl(link.code, origin),
    qrUrl: qrUrl(link.code, origin),
    finalUrl: base ? withUtm(base, utm) : "",
  };
}

export async function findLink(db: TenantDb, linkId: string): Promise<LinkRow> {
  const link = await db.trackedLink.findFirst({ where: { id: linkId }, select: LINK_SELECT });
  if (!link) throw new TRPCError({ code: "NOT_FOUND", message: "Link not found." });
  return link;
}

export interface LinkCounts {
  visits: number;
  uniqueVisitors: number;
  leads: number;
}

/**
 * Leads per link: live contacts whose first or last touch names the link, together with
 * submissions attributed to it (`context.linkId`) that have not become a contact yet — one lead
 * per person. One statement for any number of links.
 */
export async function leadCountsByLink(db: TenantDb, linkIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (linkIds.length === 0) return counts;
  const org = db.$organizationId;
  const rows = await db.$queryRaw<{ linkId: string; leads: number }[]>(Prisma.sql`
    SELECT link_id AS "linkId", count(DISTINCT who)::int AS leads FROM (
      SELECT t.link_id, c.id::text AS who
        FROM contacts c
        CROSS JOIN LATERAL (VALUES (c.first_touch->>'linkId'), (c.last_touch->>'linkId')) AS t(link_id)
       WHERE c.organization_id = ${org}::uuid AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
         AND t.link_id = ANY(${linkIds}::text[])
      UNION ALL
      SELECT s.context->>'linkId', 'submission:' || s.id::text
        FROM form_submissions s
       WHERE s.organization_id = ${org}::uuid AND s.contact_id IS NULL AND s.context->>'linkId' = ANY(${linkIds}::text[])
    ) AS leads GROUP BY link_id`);
  for (const row of rows) counts.set(row.linkId, row.leads);
  return counts;
}

/**
 * Visits and unique visitors per link (all time). A visitor is the attribution cookie's id when
 * consent allowed one, else the daily-salted hash — so without a cookie the same person counts
 * once per day at most.
 */
export async function visitCountsByLink(db: TenantDb, linkIds: string[]): Promise<Map<string, { visits: number; uniqueVisitors: number }>> {
  const counts = new Map<string, { visits: number; uniqueVisitors: number }>();
  if (linkIds.length === 0) return counts;
  const rows = await db.$queryRaw<{ linkId: string; visits: number; uniqueVisitors: number }[]>(Prisma.sql`
    SELECT link_id::text AS "linkId", count(*)::int AS visits, count(DISTINCT coalesce(visitor_id, visitor_key))::int AS "uniqueVisitors"
      FROM visits WHERE organization_id = ${db.$organizationId}::uuid AND link_id = ANY(${linkIds}::uuid[])
     GROUP BY link_id`);
  for (const row of rows) counts.set(row.linkId, { visits: row.visits, uniqueVisitors: row.uniqueVisitors });
  return counts;
}

export function conversionRate(leads: number, uniqueVisitors: number): number | null {
  return uniqueVisitors > 0 ? leads / uniqueVisitors : null;
}
