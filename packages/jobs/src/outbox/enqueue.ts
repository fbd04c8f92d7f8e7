import { randomUUID } from "node:crypto";
import type { Prisma } from "@mg/db";
import { z } from "zod";
import { engineConfiguredInEnv } from "../env";
import { jobEventSchemas, type JobEvent, type JobEventName } from "../events";
import { hasLocalEffect } from "./local-delivery";

/**
 * The transactional outbox's write side. An event is a row written by the same transaction as
 * the change that causes it — so it exists exactly when the change does, whatever happens to the
 * process afterwards — and the relay (./relay.ts) delivers it with its id.
 */
export interface PreparedEvent {
  name: JobEvent["name"];
  id: string;
  data: Record<string, unknown>;
}

/** Anything that runs raw SQL in the caller's transaction: a tenant transaction (app role, RLS) or a system one. */
export interface OutboxWriter {
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
}

/** Validates each payload (a bad one is a programming error: it throws) and fixes its id. */
export function prepareEvents(events: readonly JobEvent[]): PreparedEvent[] {
  return events.map((event) => {
    const parsed = jobEventSchemas[event.name].safeParse(event.data);
    if (!parsed.success) throw new Error(`Invalid "${event.name}" event:\n${z.prettifyError(parsed.error)}`);
    return { name: event.name, id: event.id ?? randomUUID(), data: parsed.data as Record<string, unknown> };
  });
}

/**
 * Writes the events in `db`'s transaction; returns their ids. `organizationId` is the scope that
 * emits them (the app role may only write its own organization's rows). An id already in the
 * outbox is kept as it is: re-emitting a deterministic id is a no-op.
 */
export async function writeOutboxEvents(
  db: OutboxWriter,
  organizationId: string | null,
  events: readonly PreparedEvent[],
  options: { handled?: (name: JobEventName) => boolean } = {},
): Promise<string[]> {
  if (events.length === 0) return [];
  const handled = events.map((e) => options.handled?.(e.name) ?? false);
  // Arrays, not a parameter per cell: a 10,000-post import writes its events in one statement.
  await db.$executeRaw`
    INSERT INTO event_outbox (id, organization_id, name, event_id, payload, status, sent_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, e.name, e.event_id, e.payload::jsonb,
           CASE WHEN e.handled THEN 'SENT'::"OutboxStatus" ELSE 'PENDING'::"OutboxStatus" END,
           CASE WHEN e.handled THEN now() ELSE NULL END
    FROM unnest(${events.map((e) => e.name)}::text[], ${events.map((e) => e.id)}::text[], ${events.map((e) => JSON.stringify(e.data))}::text[], ${handled}::boolean[]) AS e(name, event_id, payload, handled)
    ON CONFLICT (event_id) DO NOTHING`;
  return events.filter((_, i) => !handled[i]).map((e) => e.id);
}

/**
 * Validates and writes in one go: what a procedure calls inside its transaction. Returns the ids
 * still to deliver. Without a job engine, events whose work the local scheduler does from state
 * anyway (publishing) are written as handled: a 10,000-post import has nothing left to deliver.
 */
export async function enqueueEvents(db: OutboxWriter, organizationId: string | null, events: readonly JobEvent[]): Promise<string[]> {
  const local = !engineConfiguredInEnv();
  return writeOutboxEvents(db, organizationId, prepareEvents(events), { handled: (name) => local && !hasLocalEffect(name) });
}
