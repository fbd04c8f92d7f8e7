import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createContextFromRequest } from "@mg/api";
import { getSessionUser } from "@mg/api/auth";

export const dynamic = "force-dynamic";

/** Codes that are the caller's to fix; anything else is our bug and is logged in full. */
const EXPECTED = new Set(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "TOO_MANY_REQUESTS", "PRECONDITION_FAILED", "METHOD_NOT_SUPPORTED", "PARSE_ERROR"]);

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContextFromRequest(req, getSessionUser),
    onError({ error, path, type, ctx }) {
      if (EXPECTED.has(error.code)) {
        if (process.env.NODE_ENV === "development") console.warn(`[trpc] ${type} ${path ?? "<no-path>"}: ${error.code} ${error.message}`);
        return;
      }
      console.error(`[trpc] ${type} ${path ?? "<no-path>"} failed (request ${ctx?.requestId ?? "?"}, org ${ctx?.orgSlug ?? "-"})`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
