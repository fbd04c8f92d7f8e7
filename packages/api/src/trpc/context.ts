import { randomUUID } from "node:crypto";
import { ORG_SLUG_HEADER } from "../http";
import { clientIpFrom } from "../client-ip";
import type { OrgAccess } from "../tenancy/resolve-access";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  /** The address was proven by a link sent to it (or a provider that vouches for it). */
  emailVerified: boolean;
  /** The server-side session behind the request's JWT; null for callers without one (jobs, tests). */
  sessionId: string | null;
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
  /**
   * The organization accesses being resolved for this request, by user and slug: calls of one
   * batch (and a page's server calls) that arrive together share one lookup. An entry lives only
   * while its lookup is in flight, so a later call always sees the memberships as they are then.
   */
  accessInFlight?: Map<string, Promise<OrgAccess | null>>;
}

export function createInnerContext(input: Partial<InnerContext> = {}): InnerContext {
  return {
    user: input.user ?? null,
    orgSlug: input.orgSlug ?? null,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    requestId: input.requestId ?? randomUUID(),
    accessInFlight: input.accessInFlight ?? new Map(),
  };
}

export { ORG_SLUG_HEADER } from "../http";

/** Who is calling: the client IP from the trusted-proxy chain (never a header the client controls alone) and the user agent. */
export function requestMeta(headers: Headers): Pick<InnerContext, "ip" | "userAgent"> {
  return { ip: clientIpFrom(headers), userAgent: headers.get("user-agent") };
}

/** The outer context: reads the request. `getUser` is injected by the app (next-auth). */
export async function createContextFromRequest(req: Request, getUser: () => Promise<SessionUser | null>): Promise<InnerContext> {
  return createInnerContext({ user: await getUser(), orgSlug: req.headers.get(ORG_SLUG_HEADER), ...requestMeta(req.headers) });
}
