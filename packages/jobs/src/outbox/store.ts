import { systemDb } from "@mg/db/system";

/**
 * Reading the event outbox (system path): what waits, for the status notices. Writing is
 * ./enqueue.ts, delivering ./relay.ts.
 */
export interface OutboxStatus {
  pending: number;
  failed: number;
  sent: number;
  /** When the oldest waiting event was queued: how long the engine has been unreachable. */
  oldestPendingAt: Date | null;
}

const MAX_ERROR_LENGTH = 2_000;

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}

/** Counts for the "job engine offline, N events waiting" notice. */
export async function outboxStatus(): Promise<OutboxStatus> {
  const db = systemDb();
  const [groups, oldest] = await Promise.all([
    db.eventOutbox.groupBy({ by: ["status"], _count: { _all: true } }),
    db.eventOutbox.findFirst({ where: { status: "PENDING" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  const count = (status: "PENDING" | "FAILED" | "SENT") => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { pending: count("PENDING"), failed: count("FAILED"), sent: count("SENT"), oldestPendingAt: oldest?.createdAt ?? null };
}

/**
 * One organization's events still waiting for the engine (events carry `organizationId` in their
 * data), so the app can say plainly that background work is delayed — without revealing others'.
 */
export async function pendingEventsForOrganization(organizationId: string): Promise<{ pending: number; oldestPendingAt: Date | null }> {
  const where = { status: "PENDING" as const, payload: { path: ["organizationId"], equals: organizationId } };
  const [pending, oldest] = await Promise.all([
    systemDb().eventOutbox.count({ where }),
    systemDb().eventOutbox.findFirst({ where, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  return { pending, oldestPendingAt: oldest?.createdAt ?? null };
}
