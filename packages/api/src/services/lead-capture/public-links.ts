import { db as globalDb } from "@mg/db";
import { clientIpFrom } from "../../client-ip";
import { consumeRateLimit, RateLimitedError } from "../../rate-limit";
import { withUtm, pagePath, parseUtm } from "./links";
import { withLiveOrganization } from "./public-entry";
import { adoptVisits, cleanReferrer, countryFrom, recordVisit } from "./visits";
import { attributionFor, attributionNeedsConsent, consentCookie, parseCookies, VISITOR_COOKIE, visitorCookie, newVisitorId, withDecision } from "./visitor";

/**
 * The public side of tracked links, as plain Request → Response functions (the marketing site's
 * route handlers only call these; tests call them directly):
 *
 * - `GET /r/{code}`: resolve the code (global routing table, `mg_resolve_link_code`), enter that
 *   organization (`mg_enter_public_organization_by_id`: only when it is live), read the link under
 *   its RLS, record the visit and answer 302 to the destination with the link's UTM merged in.
 * - `POST /c/consent`: the visitor's answer to an organization's attribution consent banner.
 *
 * Whatever a request carries, it can only ever read or write the organization its code names:
 * the organization id comes from the routing table (or, for consent, is only used to enter that
 * organization's own scope), and every read and write runs inside that organization's RLS scope.
 */

const CODE = /^[A-Za-z0-9_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The organization and link a code names (global lookup through the definer function), or null. */
export async function resolveLinkCode(code: string): Promise<{ organizationId: string; linkId: string } | null> {
  if (!CODE.test(code)) return null;
  const [row] = await globalDb().$queryRaw<{ organizationId: string; linkId: string }[]>`
    SELECT organization_id::text AS "organizationId", link_id::text AS "linkId" FROM mg_resolve_link_code(${code})`;
  return row ?? null;
}

/** Whether this IP may have one more visit recorded (`visitsPerIp`); the page route uses it too. */
export async function withinVisitAllowance(ip: string | null): Promise<boolean> {
  try {
    await consumeRateLimit("visitsPerIp", ip ?? "unknown");
    return true;
  } catch (error) {
    if (error instanceof RateLimitedError) return false;
    throw error;
  }
}

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

function isSecure(url: URL, headers: Headers): boolean {
  return url.protocol === "https:" || headers.get("x-forwarded-proto") === "https";
}

/**
 * `GET /r/{code}`. Unknown, archived, or of an organization that is not live: 404. `?qr=1` records
 * a QR visit and is never passed on. Bots are redirected but not counted.
 */
export async function handleLinkRedirect(request: Request, code: string): Promise<Response> {
  // Hostile input is 400 (what every public surface answers to it); a code that merely is not one is 404.
  // eslint-disable-next-line no-control-regex -- control characters are refused
  if (code.length > 64 || /[\u0000-\u001F\u007F]/.test(code)) return badRequest("Invalid link.");
  const resolved = await resolveLinkCode(code);
  if (!resolved) return notFound();
  const url = new URL(request.url);
  const scanned = url.searchParams.get("qr") === "1";
  const headers = request.headers;
  const ip = clientIpFrom(headers);
  // Checked before the transaction (a shared limiter is a network call): past the allowance a
  // visitor is still sent on, only not counted — one client cannot inflate a link's numbers.
  const counted = await withinVisitAllowance(ip);
  const result = await withLiveOrganization(resolved.organizationId, async (db, org) => {
    const link = await db.trackedLink.findFirst({
      where: { id: resolved.linkId, archivedAt: null },
      select: { id: true, pageId: true, destinationUrl: true, utm: true, page: { select: { slug: true, deletedAt: true } } },
    });
    if (!link) return null;
    let base: string;
    if (link.pageId) {
      if (!link.page || link.page.deletedAt) return null;
      base = pagePath(org.slug, link.page.slug);
    } else if (link.destinationUrl && link.destinationUrl.startsWith("https://")) {
      base = link.destinationUrl;
    } else {
      // Nothing else was ever accepted at create; a row that says otherwise is not followed.
      return null;
    }
    const utm = parseUtm(link.utm);
    const location = withUtm(base, utm);
    const needsConsent = await attributionNeedsConsent(db, org);
    const attribution = attributionFor({ cookieHeader: headers.get("cookie"), orgId: org.id, needsConsent, secure: isSecure(url, headers) });
    if (counted) {
      await recordVisit(db, {
        kind: scanned ? "QR" : "LINK",
        linkId: link.id,
        pageId: link.pageId,
        ip,
        userAgent: headers.get("user-agent"),
        visitorId: attribution.visitorId,
        country: countryFrom(headers),
        referrer: cleanReferrer(headers.get("referer")),
        utm,
        landingUrl: location.startsWith("/") ? new URL(location, url).toString() : location,
      });
    }
    return { location, setCookie: attribution.setCookie };
  });
  if (!result) return notFound();
  const response = new Response(null, { status: 302, headers: { location: result.location, "cache-control": "no-store", "referrer-policy": "strict-origin-when-cross-origin" } });
  if (result.setCookie) response.headers.append("set-cookie", result.setCookie);
  return response;
}

function badRequest(message: string): Response {
  return new Response(message, { status: 400, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/** A path on this site to go back to after a no-JavaScript consent POST (never another origin). */
function safeReturnPath(value: string | null): string | null {
  if (!value) return "/";
  if (value.length > 2000 || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  // eslint-disable-next-line no-control-regex -- control characters are refused
  if (/[\u0000-\u001F\u007F]/.test(value)) return null;
  return value;
}

/** Form bodies this endpoint reads are tiny; anything larger is not a consent banner. */
const MAX_CONSENT_BODY = 4096;

/**
 * `POST /c/consent` (form fields `org`, `decision` = accept | decline, `return`). Accepting sets
 * the attribution id (when the browser has none) and records the decision for that organization;
 * today's visits of this browser in that organization get the id (`adoptVisits`). Declining
 * records the decision, sets no id. JSON clients get 204; a plain form POST 303 back to `return`.
 */
export async function handleConsent(request: Request): Promise<Response> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_CONSENT_BODY) return badRequest("Request too large.");
  const text = await request.text();
  if (text.length > MAX_CONSENT_BODY) return badRequest("Request too large.");
  const form = new URLSearchParams(text);
  const orgId = form.get("org") ?? "";
  const decision = form.get("decision");
  const returnTo = safeReturnPath(form.get("return"));
  if (!UUID.test(orgId) || (decision !== "accept" && decision !== "decline") || returnTo === null) return badRequest("Invalid consent request.");
  const url = new URL(request.url);
  const headers = request.headers;
  const secure = isSecure(url, headers);
  const cookieHeader = headers.get("cookie");
  const cookies: string[] = [];
  const entered = await withLiveOrganization(orgId, async (db, org) => {
    cookies.push(consentCookie(withDecision(cookieHeader, org.id, decision === "accept" ? "accepted" : "declined"), secure));
    if (decision === "accept") {
      const existing = parseCookies(cookieHeader).get(VISITOR_COOKIE);
      const visitorId = existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing) ? existing : newVisitorId();
      if (visitorId !== existing) cookies.push(visitorCookie(visitorId, secure));
      await adoptVisits(db, { ip: clientIpFrom(headers), userAgent: headers.get("user-agent"), visitorId });
    }
    return true;
  });
  if (entered === null) return notFound();
  const wantsJson = (headers.get("accept") ?? "").includes("application/json");
  const response = wantsJson ? new Response(null, { status: 204 }) : new Response(null, { status: 303, headers: { location: returnTo } });
  response.headers.set("cache-control", "no-store");
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}
