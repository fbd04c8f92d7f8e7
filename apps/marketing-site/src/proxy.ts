import { NextResponse, type NextRequest } from "next/server";
import { pageSecurity, securityHeaderOptions } from "@mg/api/security-headers";
import { nodeEnv } from "~/env";

/**
 * A per-request CSP nonce for every page (docs/security-headers.md): the policy goes on the
 * request, where Next.js reads the nonce for its own scripts, and on the response. Static files
 * are left out; next.config `headers()` covers them (`PROXY_EXCLUDED` there — keep in step).
 *
 * Nobody may frame the site for now; landing pages that must be embedded will choose their own
 * frame-ancestors when they exist.
 */
export function proxy(request: NextRequest) {
  const { csp, requestHeaders } = pageSecurity(request.nextUrl, request.headers, securityHeaderOptions({ nodeEnv, frameAncestors: "'none'" }));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/**
 * Landing pages (/p/…) set their own, hash-based CSP in their route handler (lib/landing-pages):
 * their HTML is cached per published version, so it cannot carry a per-response nonce. Lead forms
 * (`/f/…`, `/forms.js`, `/forms.css`, `/embed.js`) answer with their own headers
 * (packages/api/src/services/lead-forms/http.ts): static HTML under a CSP without a nonce, and the
 * embed page frameable by any site.
 */
export const config = {
  matcher: ["/((?!api/|_next/|p/|icon.svg|favicon.ico|robots.txt|f/|forms.js|forms.css|embed.js).*)"],
};
