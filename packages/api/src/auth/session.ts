import { getServerSession } from "next-auth";
import type { SessionUser } from "../trpc/context";
import { createAuthOptions } from "./options";

let options: ReturnType<typeof createAuthOptions> | undefined;
export function authOptions() {
  options ??= createAuthOptions();
  return options;
}

/** The signed-in user for server code (route handlers, server components), or null. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const user = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}
