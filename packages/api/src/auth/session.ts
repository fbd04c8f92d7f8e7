import { getServerSession } from "next-auth";
import type { SessionUser } from "../trpc/context";
import { createAuthOptions } from "./options";
import type { SessionMeta } from "./sessions";

let options: ReturnType<typeof createAuthOptions> | undefined;

/**
 * next-auth's options. With `meta` (the auth route handler passes the request's client IP and
 * user agent) they are built for that request, so sign-in limits and new sessions know who
 * asked; without, one shared instance serves session checks.
 */
export function authOptions(meta?: SessionMeta) {
  if (meta) return createAuthOptions(meta);
  options ??= createAuthOptions();
  return options;
}

interface SessionPayloadUser {
  id?: string;
  email?: string | null;
  name?: string | null;
  emailVerified?: boolean;
  sessionId?: string | null;
}

/** The signed-in user for server code (route handlers, server components), or null — also when the session was ended server-side. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as SessionPayloadUser | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null, emailVerified: user.emailVerified === true, sessionId: user.sessionId ?? null };
}
