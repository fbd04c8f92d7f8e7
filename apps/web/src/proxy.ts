import { NextResponse, type NextRequest } from "next/server";
import { pageSecurity, securityHeaderOptions } from "@mg/api/security-headers";
import { serverEnv } from "~/env";

/**
 * Runs for every page request (not for API routes or static files: next.config `headers()` covers
 * those, see `PROXY_EXCLUDED` there — keep the two lists in step).
 *
 * - A per-request CSP nonce (docs/security-headers.md): the policy goes on the request, where
 *   Next.js reads the nonce for its own scripts, and on the response; `x-nonce` lets the root
 *   layout hand it to the theme script.
 * - The requested path (with its query), so a layout that must send a signed-out visitor to
 *   /sign-in can bring them back to exactly this page afterwards. Authorization itself is
 *   enforced in the layouts and the API, never here.
 */
export function proxy(request: NextRequest) {
  const { csp, requestHeaders } = pageSecurity(request.nextUrl, request.headers, securityHeaderOptions({ nodeEnv: serverEnv().NODE_ENV, frameAncestors: "'none'" }));
  requestHeaders.set("x-mg-pathname", request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/|icon.svg|favicon.ico|robots.txt).*)"],
};
