import { withOrg } from "@mg/db";
import { deliverOutboxEvents, enqueueEvents, type JobEvent, type OutboxWriter } from "@mg/jobs";

/**
 * The API's one doorway to the job engine: the transactional outbox. An event is written by the
 * transaction of the change that causes it — it exists exactly when the change does — and is
 * delivered right after commit; if this process dies first, the relay delivers it later with the
 * same id (docs/architecture.md, "Events").
 */
export type Emit = (events: JobEvent | readonly JobEvent[]) => Promise<void>;

type AfterCommit = (fn: () => Promise<unknown>) => void;

function list(events: JobEvent | readonly JobEvent[]): readonly JobEvent[] {
  return Array.isArray(events) ? events : [events as JobEvent];
}

/** Emits in `db`'s open transaction (a single-transaction procedure, or a service's own `withOrg`). */
export function emitterFor(db: OutboxWriter, organizationId: string, afterCommit: AfterCommit): Emit {
  return async (events) => {
    const ids = await enqueueEvents(db, organizationId, list(events));
    if (ids.length) afterCommit(() => deliverOutboxEvents({ eventIds: ids }));
  };
}

/**
 * For per-operation procedures, whose every write is its own statement: the event is written by
 * its own RLS-scoped statement right after the change it follows.
 */
export function perOperationEmitter(organizationId: string, afterCommit: AfterCommit): Emit {
  return async (events) => {
    const ids = await withOrg(organizationId, (db) => enqueueEvents(db, organizationId, list(events)));
    if (ids.length) afterCommit(() => deliverOutboxEvents({ eventIds: ids }));
  };
}
