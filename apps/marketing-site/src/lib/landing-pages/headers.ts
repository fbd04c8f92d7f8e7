import { baseSecurityHeaders, requestedOverHttps, securityHeaderOptions } from "@mg/api/security-headers";
import { nodeEnv } from "~/env";

/** Players a video block may load after the click (videoEmbed in @mg/pages). */
const VIDEO_FRAMES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

/**
 * A landing page's CSP: nothing runs but its own inline enhancement (by hash, so the cached HTML
 * needs no per-response nonce) and scripts from this origin (the forms' enhancement); frames only
 * for the video players, only on pages with a video; forms post here (and may redirect to the
 * page's own thank-you address). Styles inline, images from https, as on the rest of the site.
 */
export function landingPageCsp(input: { scriptHashes: string[]; hasVideo: boolean; thankYouOrigin: string | null; https: boolean }): string {
  const directives = [
    ["default-src", "'none'"],
    ["script-src", "'self'", ...input.scriptHashes.map((h) => `'sha256-${h}'`)],
    ["style-src", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "https:"],
    ["connect-src", "'self'"],
    ["frame-src", ...(input.hasVideo ? VIDEO_FRAMES : ["'none'"])],
    ["form-action", "'self'", ...(input.thankYouOrigin ? [input.thankYouOrigin] : [])],
    ["base-uri", "'none'"],
    ["object-src", "'none'"],
    ["frame-ancestors", "'none'"],
    ...(input.https ? [["upgrade-insecure-requests"]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The headers every landing-page response carries (the site's base set, as next.config gives other routes). */
export function baseHeaders(request: Request): Headers {
  const url = new URL(request.url);
  const options = securityHeaderOptions({ nodeEnv, frameAncestors: "'none'", https: requestedOverHttps(url, request.headers) });
  const headers = new Headers();
  for (const h of baseSecurityHeaders(options)) headers.set(h.key, h.value);
  return headers;
}
