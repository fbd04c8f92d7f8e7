import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, createContextFromRequest } from "@mg/api";
import { getSessionUser } from "@mg/api/auth";
import { isDevelopment } from "~/env";
import { CALLER_ERROR_CODES } from "~/lib/errors";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContextFromRequest(req, getSessionUser),
    onError({ error, path, type, ctx }) {
      // The caller's to fix: not our bug. Anything else is, and is logged in full.
      if (CALLER_ERROR_CODES.has(error.code)) {
        if (isDevelopment) console.warn(`[trpc] ${type} ${path ?? "<no-path>"}: ${error.code} ${error.message}`);
        return;
      }
      console.error(`[trpc] ${type} ${path ?? "<no-path>"} failed (request ${ctx?.requestId ?? "?"}, org ${ctx?.orgSlug ?? "-"})`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
