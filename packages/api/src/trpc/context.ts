import { randomUUID } from "node:crypto";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

/**
 * The inner context: everything a procedure needs, nothing tied to a request object, so tests
 * build it directly. The organization comes from the URL (sent as the `x-org-slug` header by
 * the client), never from procedure input.
 */
export interface InnerContext {
  user: SessionUser | null;
  orgSlug: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export function createInnerContext(input: Partial<InnerContext> = {}): InnerContext {
  return {
    user: input.user ?? null,
    orgSlug: input.orgSlug ?? null,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId ?? randomUUID(),
  };
}

export const ORG_SLUG_HEADER = "x-org-slug";

/** The outer context: reads the request. `getUser` is injected by the app (next-auth). */
export async function createContextFromRequest(req: Request, getUser: () => Promise<SessionUser | null>): Promise<InnerContext> {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return createInnerContext({
    user: await getUser(),
    orgSlug: req.headers.get(ORG_SLUG_HEADER),
    ip: forwarded || req.headers.get("x-real-ip") || null,
    userAgent: req.headers.get("user-agent"),
  });
}
