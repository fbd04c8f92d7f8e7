import { systemDb } from "@mg/db/system";

/**
 * Which events are late, for the two audiences that must hear about it: a customer (their own
 * organization's delayed work, counted by event name) and an operator (the installation's outbox
 * as a whole). Reading only; ./store.ts has the plain counts, ./relay.ts delivers.
 */

/**
 * How long an event may wait before it counts as delayed. The fast path delivers right after
 * commit and the local scheduler's relay runs every 5 s; the first retries back off 10 s, 20 s,
 * 40 s. Past two minutes something is wrong, not merely busy.
 */
export const DELAY_GRACE_MS = 2 * 60_000;

export interface DelayedEventGroup {
  name: string;
  /** PENDING past the grace period (still retried). */
  waiting: number;
  /** Gave up after the relay's attempts (an operator must act). */
  failed: number;
}

function byEventName(groups: readonly { name: string; status: string; _count: { _all: number } }[]): DelayedEventGroup[] {
  const byName = new Map<string, DelayedEventGroup>();
  for (const group of groups) {
    const entry = byName.get(group.name) ?? { name: group.name, waiting: 0, failed: 0 };
    if (group.status === "FAILED") entry.failed += group._count._all;
    else entry.waiting += group._count._all;
    byName.set(group.name, entry);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** One organization's late events, grouped by event name. Nothing of other organizations is read. */
export async function delayedEventsForOrganization(organizationId: string, options: { now?: Date; graceMs?: number } = {}): Promise<DelayedEventGroup[]> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.graceMs ?? DELAY_GRACE_MS));
  const groups = await systemDb().eventOutbox.groupBy({
    by: ["name", "status"],
    // organization_id is set on every row by the scope that wrote it (./enqueue.ts), and indexed.
    where: { organizationId, OR: [{ status: "PENDING", createdAt: { lt: cutoff } }, { status: "FAILED" }] },
    _count: { _all: true },
  });
  return byEventName(groups);
}

export interface OutboxHealth {
  pending: number;
  /** PENDING for longer than the grace period. */
  delayed: number;
  failed: number;
  oldestPendingAt: Date | null;
  /** Late or failed events by name, installation-wide. */
  byName: DelayedEventGroup[];
  /** The most recent delivery error of a late or failed event (its text only: payloads hold addresses and links). */
  lastError: { name: string; message: string; attempts: number; at: Date } | null;
}

/** The installation's outbox for the operators' status page. */
export async function outboxHealth(options: { now?: Date; graceMs?: number } = {}): Promise<OutboxHealth> {
  const db = systemDb();
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.graceMs ?? DELAY_GRACE_MS));
  const late = { OR: [{ status: "PENDING" as const, createdAt: { lt: cutoff } }, { status: "FAILED" as const }] };
  const [pending, delayed, failed, oldest, groups, lastFailure] = await Promise.all([
    db.eventOutbox.count({ where: { status: "PENDING" } }),
    db.eventOutbox.count({ where: { status: "PENDING", createdAt: { lt: cutoff } } }),
    db.eventOutbox.count({ where: { status: "FAILED" } }),
    db.eventOutbox.findFirst({ where: { status: "PENDING" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.eventOutbox.groupBy({ by: ["name", "status"], where: late, _count: { _all: true } }),
    db.eventOutbox.findFirst({
      where: { ...late, lastError: { not: null } },
      orderBy: { nextAttemptAt: "desc" },
      select: { name: true, lastError: true, attempts: true, nextAttemptAt: true },
    }),
  ]);
  return {
    pending,
    delayed,
    failed,
    oldestPendingAt: oldest?.createdAt ?? null,
    byName: byEventName(groups),
    lastError: lastFailure?.lastError ? { name: lastFailure.name, message: lastFailure.lastError, attempts: lastFailure.attempts, at: lastFailure.nextAttemptAt } : null,
  };
}
