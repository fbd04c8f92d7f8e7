import { clientIpFrom } from "../../client-ip";
import { withLiveOrganization } from "./public-entry";
import { withinVisitAllowance } from "./public-links";
import { cleanReferrer, countryFrom, recordVisit, utmFromUrl } from "./visits";
import { attributionFor, attributionNeedsConsent, consentBannerHtml } from "./visitor";

/** What a landing page response adds for this visitor: the attribution cookie, or the consent banner. */
export interface PageVisitOutcome {
  setCookie: string | null;
  /** The consent banner's markup (inserted before `</body>`), when this organization asks and the visitor has not decided. */
  banner: string | null;
}

/**
 * A view of a published landing page (GET /p/…): a PAGE visit — bots not counted, no raw IP,
 * one per visitor and hour, past the per-IP allowance not counted — with the attribution cookie
 * where the organization may use one, else its consent banner. Same rules as the short links'
 * visits (docs/lead-capture.md, "Visits"); only ever in the page's own organization.
 */
export async function recordLandingPageVisit(request: Request, page: { organizationId: string; pageId: string }): Promise<PageVisitOutcome> {
  const url = new URL(request.url);
  const headers = request.headers;
  const ip = clientIpFrom(headers);
  const counted = await withinVisitAllowance(ip);
  const outcome = await withLiveOrganization(page.organizationId, async (db, org) => {
    const needsConsent = await attributionNeedsConsent(db, org);
    const secure = url.protocol === "https:" || headers.get("x-forwarded-proto") === "https";
    const attribution = attributionFor({ cookieHeader: headers.get("cookie"), orgId: org.id, needsConsent, secure });
    if (counted) {
      await recordVisit(db, {
        kind: "PAGE",
        pageId: page.pageId,
        ip,
        userAgent: headers.get("user-agent"),
        visitorId: attribution.visitorId,
        country: countryFrom(headers),
        referrer: cleanReferrer(headers.get("referer")),
        utm: utmFromUrl(url),
        landingUrl: url.toString(),
      });
    }
    const banner = attribution.askConsent ? consentBannerHtml({ orgId: org.id, orgName: org.name, returnTo: `${url.pathname}${url.search}` }) : null;
    return { setCookie: attribution.setCookie, banner };
  });
  return outcome ?? { setCookie: null, banner: null };
}
