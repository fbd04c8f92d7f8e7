import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";

/**
 * Server-side sessions behind the session JWT. The cookie carries only a session id (`sid`);
 * every request checks that its row still exists and has not expired, so deleting the row ends
 * the session at once — sign-out, password change, "sign out everywhere", removal from the last
 * organization. Auth tables are system tables: only this module and ./accounts reach them.
 */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** `last_seen_at` is refreshed at most this often: a write per request would cost more than it tells. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface ActiveSession {
  id: string;
  userId: string;
  email: string;
  name: string | null;
  emailVerified: boolean;
}

export async function startSession(userId: string, meta: SessionMeta): Promise<string> {
  const row = await systemDb().session.create({
    data: {
      sessionToken: randomUUID(),
      userId,
      expires: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/** The live session with its user, or null when it was ended or has expired. */
export async function findActiveSession(sessionId: string): Promise<ActiveSession | null> {
  const row = await systemDb().session.findUnique({
    where: { id: sessionId },
    select: { id: true, userId: true, expires: true, lastSeenAt: true, user: { select: { email: true, name: true, emailVerified: true } } },
  });
  const now = Date.now();
  if (!row || row.expires.getTime() <= now) return null;
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await systemDb().session.updateMany({ where: { id: row.id }, data: { lastSeenAt: new Date(now) } });
  }
  return { id: row.id, userId: row.userId, email: row.user.email, name: row.user.name, emailVerified: row.user.emailVerified !== null };
}

export async function endSession(sessionId: string): Promise<void> {
  await systemDb().session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of the user (optionally but one: the device that asked). Returns how many ended. */
export async function endAllSessions(userId: string, options: { except?: string | null } = {}): Promise<number> {
  const { count } = await systemDb().session.deleteMany({ where: { userId, ...(options.except ? { id: { not: options.except } } : {}) } });
  return count;
}

export interface SessionListItem {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
}

export async function listSessions(userId: string): Promise<SessionListItem[]> {
  return systemDb().session.findMany({
    where: { userId, expires: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true },
  });
}

/** Whether the user still belongs to any organization (a removal that leaves none ends their sessions). */
export async function hasAnyMembership(userId: string): Promise<boolean> {
  const count = await systemDb().membership.count({ where: { userId, organization: { deletedAt: null } } });
  return count > 0;
}
