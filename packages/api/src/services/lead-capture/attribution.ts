import { Prisma, type TenantDb } from "@mg/db";
import { parseUtm } from "./links";
import { attributionNeedsConsent, visitorIdFromCookie } from "./visitor";

/** One touch of a visitor: what brought them (stored on the contact as first_touch / last_touch). */
export interface Touch {
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  utmTerm?: string;
  utmContent?: string;
  referrer?: string;
  landingPage?: string;
  linkId?: string;
  /** "qr" when the touch was a QR scan. */
  via?: "page" | "link" | "qr";
  at: string;
}

/**
 * A tracked link to a landing page is followed by a visit of that page within moments; the two
 * are one touch (the link's, landing on the page), not two.
 */
const FOLLOW_THROUGH_MS = 30 * 60_000;

interface VisitRow {
  kind: "PAGE" | "LINK" | "QR";
  linkId: string | null;
  pageId: string | null;
  referrer: string | null;
  utm: unknown;
  landingUrl: string | null;
  occurredAt: Date;
}

function touchOf(visit: VisitRow, landing: VisitRow | null): Touch {
  const utm = parseUtm(visit.utm ?? (landing ? landing.utm : null));
  const touch: Touch = { at: visit.occurredAt.toISOString(), via: visit.kind === "QR" ? "qr" : visit.kind === "LINK" ? "link" : "page" };
  if (utm.source) touch.utmSource = utm.source;
  if (utm.medium) touch.utmMedium = utm.medium;
  if (utm.campaign) touch.utmCampaign = utm.campaign;
  if (utm.term) touch.utmTerm = utm.term;
  if (utm.content) touch.utmContent = utm.content;
  const referrer = visit.referrer ?? landing?.referrer ?? null;
  if (referrer) touch.referrer = referrer;
  const landingPage = landing?.landingUrl ?? visit.landingUrl;
  if (landingPage) touch.landingPage = landingPage;
  if (visit.linkId) touch.linkId = visit.linkId;
  return touch;
}

/** Is `page` the landing-page visit that `link` (a LINK/QR visit to that page) led to? */
function followsThrough(link: VisitRow, page: VisitRow): boolean {
  if (link.kind === "PAGE" || page.kind !== "PAGE" || !link.pageId || link.pageId !== page.pageId) return false;
  const gap = page.occurredAt.getTime() - link.occurredAt.getTime();
  return gap >= 0 && gap <= FOLLOW_THROUGH_MS;
}

/**
 * The first and last touch of a visitor (by the attribution cookie's id) in the organization in
 * scope, from their recorded visits. A link or QR visit that led straight to a landing page is
 * one touch with that page as its landing page. No id (no consent) or no visits: nulls.
 */
export async function touchesForVisitor(db: TenantDb, visitorId: string | null): Promise<{ first: Touch | null; last: Touch | null }> {
  if (!visitorId) return { first: null, last: null };
  // The two earliest and the two latest visits (the index on organization, visitor, time): enough
  // to fold a link visit with the page visit it led to at either end.
  const rows = await db.$queryRaw<(VisitRow & { end: "first" | "last" })[]>(Prisma.sql`
    (SELECT 'first' AS "end", kind::text AS kind, link_id::text AS "linkId", page_id::text AS "pageId", referrer, utm, landing_url AS "landingUrl", occurred_at AS "occurredAt"
       FROM visits WHERE organization_id = ${db.$organizationId}::uuid AND visitor_id = ${visitorId}
      ORDER BY occurred_at ASC, id ASC LIMIT 2)
    UNION ALL
    (SELECT 'last', kind::text, link_id::text, page_id::text, referrer, utm, landing_url, occurred_at
       FROM visits WHERE organization_id = ${db.$organizationId}::uuid AND visitor_id = ${visitorId}
      ORDER BY occurred_at DESC, id DESC LIMIT 2)`);
  const firsts = rows.filter((r) => r.end === "first");
  const lasts = rows.filter((r) => r.end === "last").reverse();
  const [a, b] = firsts;
  if (!a) return { first: null, last: null };
  const first = b && followsThrough(a, b) ? touchOf(a, b) : touchOf(a, null);
  const [x, y] = lasts.length === 2 ? lasts : [undefined, lasts[0]];
  if (!y) return { first, last: first };
  const last = x && followsThrough(x, y) ? touchOf(x, y) : touchOf(y, null);
  return { first, last };
}

/**
 * For the form intake, in one call: the visitor id of the submission's Cookie header where this
 * organization may use it (its consent rule), and that visitor's first and last touch.
 */
export async function attributionForSubmission(
  db: TenantDb,
  org: { country: string | null },
  cookieHeader: string | null | undefined,
): Promise<{ visitorId: string | null; first: Touch | null; last: Touch | null }> {
  const needsConsent = await attributionNeedsConsent(db, org);
  const visitorId = visitorIdFromCookie(cookieHeader, db.$organizationId, needsConsent);
  return { visitorId, ...(await touchesForVisitor(db, visitorId)) };
}
