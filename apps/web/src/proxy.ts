import { NextResponse, type NextRequest } from "next/server";

/**
 * Passes the requested path (with its query) to server components, so a layout that must send a
 * signed-out visitor to /sign-in can bring them back to exactly this page afterwards.
 * Authorization itself is enforced in the layouts and the API, never here.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-mg-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|icon.svg|favicon.ico|robots.txt).*)"],
};
