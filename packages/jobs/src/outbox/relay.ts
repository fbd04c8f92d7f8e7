import { systemDb } from "@mg/db/system";
import type { SendEventPayload } from "inngest";
import { isJobEventName, type JobEventName } from "../events";
import type { EventSender } from "./middleware";
import { deliverLocally, hasLocalEffect } from "./local-delivery";
import { describeError } from "./store";

/**
 * The transactional outbox's delivery side. Rows are claimed with a conditional update
 * (`claimed_until`), so two relays — the after-commit kick, the local scheduler, the engine's
 * cron, `pnpm jobs:replay` — never deliver the same row at once; a relay that dies mid-way
 * leaves its claim to expire and the row is delivered by the next one. Each event keeps its id,
 * so the engine deduplicates a delivery that was made but not recorded.
 *
 * With a job engine configured the events go to it. Without one they are delivered in this
 * process (./local-delivery.ts): what the engine's functions would do, or nothing more when the
 * local scheduler's own sweeps already act on the state (publishing, A/B decisions).
 */
export interface RelayOptions {
  /** At most this many events per call (oldest first). Default 100. */
  limit?: number;
  /** Only these event ids (the after-commit kick; an operator retrying specific events). */
  eventIds?: readonly string[];
  /** Only one organization's events (a local scheduler limited to one tenant: tests, debugging). */
  organizationId?: string;
  /** After this many failed deliveries an event is marked FAILED and stops being retried. Default 10. */
  maxAttempts?: number;
  /** Where to deliver: a job engine client, or `"local"` for in-process delivery. */
  target: EventSender | "local";
}

export interface RelayResult {
  /** Events delivered in this call. */
  sent: number;
  /** Events whose delivery failed in this call. */
  failed: number;
  /** Events still waiting after this call (matching `eventIds` when given). */
  pending: number;
  /** The last delivery error, if any. */
  lastError: string | null;
}

/** How long a claim holds: longer than a delivery takes, short enough that a dead relay's rows come back soon. */
const CLAIM_SECONDS = 60;
/** Events per request to the engine. */
const CHUNK = 100;

interface ClaimedRow {
  id: string;
  name: string;
  event_id: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Back-off after a failed delivery: 10 s, 20 s, 40 s … capped at 30 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30 * 60_000, 10_000 * 2 ** Math.max(0, attempts - 1));
}

async function claim(limit: number, eventIds: readonly string[] | undefined, organizationId: string | undefined): Promise<ClaimedRow[]> {
  const ids = eventIds ? [...eventIds] : null;
  const org = organizationId ?? null;
  return systemDb().$queryRaw<ClaimedRow[]>`
    UPDATE event_outbox SET claimed_until = now() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id IN (
      SELECT id FROM event_outbox
      WHERE status = 'PENDING' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
        AND (${ids}::text[] IS NULL OR event_id = ANY(${ids}::text[]))
        AND (${org}::uuid IS NULL OR organization_id = ${org}::uuid OR payload->>'organizationId' = ${org}::text)
      ORDER BY created_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, name, event_id, payload, attempts, created_at`;
}

async function markSent(rows: readonly ClaimedRow[]): Promise<void> {
  await systemDb().eventOutbox.updateMany({
    where: { id: { in: rows.map((r) => r.id) } },
    data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, claimedUntil: null },
  });
}

async function markFailed(rows: readonly ClaimedRow[], error: string, maxAttempts: number): Promise<void> {
  for (const row of rows) {
    const attempts = row.attempts + 1;
    await systemDb().eventOutbox.update({
      where: { id: row.id },
      data: {
        attempts,
        lastError: error,
        claimedUntil: null,
        status: attempts >= maxAttempts ? "FAILED" : "PENDING",
        nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
      },
    });
  }
}

async function pendingCount(eventIds: readonly string[] | undefined): Promise<number> {
  return systemDb().eventOutbox.count({ where: { status: "PENDING", ...(eventIds ? { eventId: { in: [...eventIds] } } : {}) } });
}

export async function relayOutbox(options: RelayOptions): Promise<RelayResult> {
  const maxAttempts = options.maxAttempts ?? 10;
  const rows = await claim(Math.max(1, Math.min(options.limit ?? 100, 1_000)), options.eventIds, options.organizationId);
  let sent = 0;
  let failed = 0;
  let lastError: string | null = null;

  // A row that can never be delivered leaves the queue instead of blocking it.
  const deliverable: (ClaimedRow & { name: JobEventName; payload: Record<string, unknown> })[] = [];
  const broken: ClaimedRow[] = [];
  for (const row of rows) {
    const { name, payload } = row;
    if (isRecord(payload) && isJobEventName(name)) deliverable.push({ ...row, name, payload });
    else broken.push(row);
  }
  if (broken.length) {
    lastError = "stored event is not a known event with a JSON object payload";
    await markFailed(broken, lastError, 1);
    failed += broken.length;
  }

  if (options.target === "local") {
    // Events the local scheduler acts on by itself are handled by being recorded, in one statement.
    const recordOnly = deliverable.filter((row) => !hasLocalEffect(row.name));
    if (recordOnly.length) {
      await markSent(recordOnly);
      sent += recordOnly.length;
    }
    // The rest one at a time: each event's effect (a mail) and its SENT mark are as close as they can be.
    for (const row of deliverable.filter((r) => hasLocalEffect(r.name))) {
      try {
        await deliverLocally(row.name, row.payload);
        await markSent([row]);
        sent += 1;
      } catch (error) {
        lastError = describeError(error);
        await markFailed([row], lastError, maxAttempts);
        failed += 1;
      }
    }
  } else {
    for (let i = 0; i < deliverable.length; i += CHUNK) {
      const chunk = deliverable.slice(i, i + CHUNK);
      // ts = when the event happened, not when the engine finally got it.
      const payload: SendEventPayload = chunk.map((row) => ({ name: row.name, id: row.event_id, data: row.payload, ts: row.created_at.getTime() }));
      try {
        await options.target.send(payload);
        await markSent(chunk);
        sent += chunk.length;
      } catch (error) {
        // The engine is most likely down: every further chunk would wait out the SDK's retries.
        lastError = describeError(error);
        const rest = deliverable.slice(i);
        await markFailed(rest, lastError, maxAttempts);
        failed += rest.length;
        break;
      }
    }
  }
  return { sent, failed, pending: await pendingCount(options.eventIds), lastError };
}
