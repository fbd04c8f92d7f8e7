import { systemDb } from "@mg/db/system";
import { sendBypassingOutbox, type EventSender } from "./middleware";
import { describeError } from "./store";

export interface ReplayOptions {
  /** At most this many events per call (oldest first). Default 100. */
  limit?: number;
  /** Only these event ids (an operator retrying specific events; tests). */
  eventIds?: readonly string[];
  /** After this many failed replays an event is marked FAILED and stops blocking the queue. Default 10. */
  maxAttempts?: number;
}

export interface ReplayResult {
  /** Events the engine accepted in this call. */
  sent: number;
  /** Events that failed in this call (the replay stops at the first failed send). */
  failed: number;
  /** Events still waiting after this call (matching `eventIds` when given). */
  pending: number;
  /** Why the replay stopped early, if it did. */
  lastError: string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Sends PENDING outbox events to the engine, oldest first, one at a time so each row's status is
 * exact. Stops at the first failure: the engine is most likely still down, and every further
 * attempt would wait out the SDK's retries. Safe to run concurrently or repeatedly: each event
 * keeps its id, so the engine drops duplicates. No transaction is held across the network call.
 */
export async function replayOutboxWith(client: EventSender, options: ReplayOptions = {}): Promise<ReplayResult> {
  const db = systemDb();
  const maxAttempts = options.maxAttempts ?? 10;
  const where = { status: "PENDING" as const, ...(options.eventIds ? { eventId: { in: [...options.eventIds] } } : {}) };
  const rows = await db.eventOutbox.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: Math.max(1, Math.min(options.limit ?? 100, 1_000)),
  });

  let sent = 0;
  let failed = 0;
  let lastError: string | null = null;
  for (const row of rows) {
    if (!isRecord(row.payload)) {
      // Cannot ever be sent: take it out of the queue instead of blocking everything behind it.
      lastError = "stored payload is not a JSON object";
      await db.eventOutbox.update({ where: { id: row.id }, data: { status: "FAILED", lastError, attempts: { increment: 1 } } });
      failed += 1;
      continue;
    }
    try {
      // ts = when the event happened (was queued), not when the engine finally got it.
      await sendBypassingOutbox(client, { name: row.name, id: row.eventId, data: row.payload, ts: row.createdAt.getTime() });
      await db.eventOutbox.update({
        where: { id: row.id },
        data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null },
      });
      sent += 1;
    } catch (error) {
      lastError = describeError(error);
      const attempts = row.attempts + 1;
      await db.eventOutbox.update({
        where: { id: row.id },
        data: { attempts, lastError, status: attempts >= maxAttempts ? "FAILED" : "PENDING" },
      });
      failed += 1;
      break;
    }
  }

  const pending = await db.eventOutbox.count({ where });
  return { sent, failed, pending, lastError };
}
