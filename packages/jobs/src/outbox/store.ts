import type { Prisma } from "@mg/db";
import { systemDb } from "@mg/db/system";

/**
 * The event outbox table (system table, owner connection): events the job engine could not
 * take yet. Rows are keyed by the event id, so persisting the same event twice is a no-op and
 * a replay is deduplicated by the engine.
 */
export interface OutboxEvent {
  name: string;
  id: string;
  data: Readonly<Record<string, unknown>>;
}

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

/** Events travel as JSON anyway; the round trip stores exactly what a send would have sent. */
function toJson(data: Readonly<Record<string, unknown>>): Prisma.InputJsonValue {
  const json: unknown = JSON.parse(JSON.stringify(data));
  return json as Prisma.InputJsonValue;
}

/** Stores events for a later replay; returns how many were new. */
export async function persistEvents(events: readonly OutboxEvent[], reason: string): Promise<number> {
  if (events.length === 0) return 0;
  if (events.length === 1) {
    const { count } = await systemDb().eventOutbox.createMany({
      data: events.map((event) => ({ name: event.name, eventId: event.id, payload: toJson(event.data), lastError: describeError(reason) })),
      skipDuplicates: true,
    });
    return count;
  }
  // Bulk actions (a 10,000-post import) keep thousands at once: arrays, not a parameter per cell.
  return systemDb().$executeRaw`
    INSERT INTO event_outbox (id, name, event_id, payload, last_error)
    SELECT gen_random_uuid(), e.name, e.event_id, e.payload::jsonb, ${describeError(reason)}
    FROM unnest(${events.map((e) => e.name)}::text[], ${events.map((e) => e.id)}::text[], ${events.map((e) => JSON.stringify(e.data))}::text[]) AS e(name, event_id, payload)
    ON CONFLICT (event_id) DO NOTHING`;
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
