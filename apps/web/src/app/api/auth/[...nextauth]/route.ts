import NextAuth from "next-auth";
import { requestMeta } from "@mg/api";
import { authOptions } from "@mg/api/auth";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth v4 as an App Router handler. The options are built per request, not at import, so
 * `next build` needs neither the auth secret nor a database connection, and sign-in limits and
 * new sessions know the client IP (from the trusted-proxy chain) and user agent.
 */
function handler(req: Request, context: RouteContext) {
  return (NextAuth as unknown as (req: Request, ctx: RouteContext, options: ReturnType<typeof authOptions>) => Promise<Response>)(req, context, authOptions(requestMeta(req.headers)));
}

export { handler as GET, handler as POST };
