/**
 * The security headers of both apps, built in one place (docs/security-headers.md).
 *
 * - Pages get a per-request nonce CSP from each app's `proxy.ts`: the proxy puts the policy on
 *   the *request* too, which is where Next.js reads the nonce it adds to its own scripts.
 * - Everything the proxy does not run for (API routes, `_next/static`, icons, robots.txt) gets the
 *   other headers and a locked-down CSP from `next.config` `headers()`.
 *
 * Self-contained and free of Node APIs: it runs in the proxy and is loaded by next.config.
 */

export interface SecurityHeaderOptions {
  /** `next dev`: React needs `eval` to rebuild server error stacks in the browser; production never does. */
  dev: boolean;
  /** A production build: only then is HSTS sent (a developer's http://localhost must not be pinned to https). */
  production: boolean;
  /**
   * Who may frame the app's pages (`frame-ancestors`). The web app: nobody. The marketing site:
   * nobody for now; landing pages that must embed will set their own when they exist.
   */
  frameAncestors: "'none'" | "'self'";
  /** The page was requested over https: subresources requested over http are upgraded. */
  https: boolean;
}

/** An unguessable nonce per response: 16 random bytes, base64 (what CSP's nonce-source expects). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const serialize = (directives: readonly (readonly string[])[]) => directives.map((parts) => parts.join(" ")).join("; ");

/**
 * The policy for HTML pages (and their RSC payloads).
 * - Scripts: only those carrying this response's nonce, and what they load (`'strict-dynamic'`);
 *   `'self'` is the fallback for browsers without CSP 3. No `'unsafe-inline'`, no `'unsafe-eval'`
 *   outside `next dev`.
 * - Styles: `'unsafe-inline'`, not a nonce. React renders `style=""` attributes and the UI
 *   libraries (toasts, dialogs' scroll lock) insert `<style>` elements at run time without a
 *   nonce; CSS cannot run script, so this is the usual trade-off.
 * - Images and video: `https:` besides our own, because account avatars and uploaded media come
 *   from the networks' and the storage provider's CDNs; `blob:` for previews of files being
 *   uploaded, `data:` for inline icons.
 */
export function pageCsp(nonce: string, options: SecurityHeaderOptions): string {
  return serialize([
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(options.dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:", "https:"],
    ["media-src", "'self'", "blob:", "https:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'"],
    ["worker-src", "'self'", "blob:"],
    ["frame-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", options.frameAncestors],
    ...(options.https ? [["upgrade-insecure-requests"]] : []),
  ]);
}

/**
 * The policy for everything that is not a page: JSON from API routes, uploaded media, scripts and
 * styles under `_next/static`. Nothing there needs to run anything; a stored SVG or HTML file
 * opened directly cannot run script or be framed.
 */
export function resourceCsp(options: Pick<SecurityHeaderOptions, "frameAncestors">): string {
  return serialize([
    ["default-src", "'none'"],
    ["frame-ancestors", options.frameAncestors],
    ["base-uri", "'none'"],
    ["form-action", "'none'"],
  ]);
}

export interface Header {
  key: string;
  value: string;
}

/** The headers every response carries, whatever route produced it. */
export function baseSecurityHeaders(options: SecurityHeaderOptions): Header[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Full URLs (which carry organization slugs and ids) stay on our origin; other sites see only the origin.
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    // frame-ancestors' predecessor, for browsers that ignore CSP.
    { key: "X-Frame-Options", value: options.frameAncestors === "'none'" ? "DENY" : "SAMEORIGIN" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
    ...(options.production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/**
 * next.config `headers()`: the base headers on every path, and the resource CSP on the paths the
 * app's proxy does not run for (`proxyExcluded`, in next.config `source` syntax). Pages get their
 * nonce CSP from the proxy instead, so no response carries two policies.
 */
export function nextConfigSecurityHeaders(options: SecurityHeaderOptions, proxyExcluded: readonly string[]) {
  return [
    { source: "/:path*", headers: baseSecurityHeaders(options) },
    ...proxyExcluded.map((source) => ({ source, headers: [{ key: "Content-Security-Policy", value: resourceCsp(options) }] })),
  ];
}

/** The options for this process (`next dev` or a production build) and, for pages, this request. */
export function securityHeaderOptions(input: { nodeEnv: string | undefined; frameAncestors: SecurityHeaderOptions["frameAncestors"]; https?: boolean }): SecurityHeaderOptions {
  return {
    dev: input.nodeEnv === "development",
    production: input.nodeEnv === "production",
    frameAncestors: input.frameAncestors,
    https: input.https ?? false,
  };
}

/**
 * Whether the page was requested over https: directly, or through a TLS-terminating proxy that
 * says so. A client can claim `x-forwarded-proto: https` itself, but all that buys it is
 * `upgrade-insecure-requests` on its own response.
 */
export function requestedOverHttps(url: URL, headers: Headers): boolean {
  return url.protocol === "https:" || headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** The request header Next.js reads the nonce from is the CSP itself; `x-nonce` is for our own components. */
export const NONCE_HEADER = "x-nonce";

/**
 * What a proxy does for a page request: a fresh nonce, the page policy on the request (Next.js
 * takes the nonce from there for its scripts) and on the response.
 */
export function pageSecurity(url: URL, headers: Headers, options: SecurityHeaderOptions): { nonce: string; csp: string; requestHeaders: Headers } {
  const nonce = createNonce();
  const csp = pageCsp(nonce, { ...options, https: options.https || requestedOverHttps(url, headers) });
  const requestHeaders = new Headers(headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return { nonce, csp, requestHeaders };
}
