import { Prisma } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { SEND_LEASE_MS, spacedNetworks, STUCK_RETRY_MS, VERIFY_DELAY_MS, VERIFY_GIVE_UP_MS } from "./config";
import { publishOrganizationBatch, type BatchContext } from "./due-batch";
import { toTimestampArray } from "./sql";
import { createLimiter, emptyTally, pool, publishCounted, silentLogger as silent, type SweepLogger, type TargetTally } from "./tally";
import { verifyTarget } from "./verify-target";

export type { SweepLogger, TargetTally } from "./tally";

/**
 * The engine-independent half of publishing: claiming due posts, retrying targets that stopped
 * moving, verifying acknowledged posts. Used by the every-minute sweep function (a safety net
 * behind the durable runs) and by the local scheduler (the only publisher when no engine runs).
 *
 * Discovery spans organizations by design (systemDb, plain SELECTs without locks); every claim
 * and every change to a post happens inside that organization's RLS transaction (withOrg) — the
 * batched due path (due-batch.ts), publishTarget and markMissed.
 */

export interface DispatchOptions {
  now?: Date;
  /** Posts claimed per call, across organizations (shared out in turns: see dueWork). */
  limit?: number;
  /** Posts per organization batch: one claim transaction, one set of sends, answers in chunks. Default 250. */
  batchSize?: number;
  /** Only posts this far past their time (the engine's runs get the first chance). Default 0. */
  graceMs?: number;
  /** Network calls in flight at once, across the batches of this call. Default 32. */
  concurrency?: number;
  /** Organization batches in progress at once. Default 4. */
  parallelBatches?: number;
  /** Batches of one organization in progress at once (its backlog never fills every slot). Default 2. */
  batchesPerOrganization?: number;
  /** Only this organization's posts (tests, operators debugging one tenant). Default: all. */
  organizationId?: string;
  /** Only these organizations' posts (tests). */
  organizationIds?: readonly string[];
  logger?: SweepLogger;
}

/** `AND <column> = ANY(<orgs>)` when scoped to some organizations. */
function orgFilter(column: string, scope: readonly string[] | undefined): Prisma.Sql {
  return scope ? Prisma.sql`AND ${Prisma.raw(column)} = ANY(${[...scope]}::uuid[])` : Prisma.empty;
}

function scopeOf(options: { organizationId?: string; organizationIds?: readonly string[] }): readonly string[] | undefined {
  if (options.organizationIds) return options.organizationId ? [...options.organizationIds, options.organizationId] : options.organizationIds;
  return options.organizationId ? [options.organizationId] : undefined;
}

export interface DispatchResult extends TargetTally {
  /** Posts this call claimed (SCHEDULED → PUBLISHING). */
  claimed: number;
  targets: number;
  /** Claimed posts that were more than 15 minutes late (POST_MISSED raised). */
  missed: number;
  /** Organizations with due posts this call took some of. */
  organizations: number;
  batches: number;
  durationMs: number;
}

interface DueRow {
  organization_id: string;
  id: string;
}

/**
 * Due posts, shared out in turns: each organization's oldest first, then each one's second… up to
 * `limit`. One organization's 5,000 posts at 09:00 therefore take one place per turn, like
 * everyone else's one. A plain read across tenants (no locks: on Citus a multi-shard SELECT); the
 * claim happens per organization.
 */
async function dueWork(dueBefore: Date, limit: number, scope: readonly string[] | undefined): Promise<Map<string, string[]>> {
  const rows = await systemDb().$queryRaw<DueRow[]>`
    SELECT organization_id, id FROM (
      SELECT organization_id, id, scheduled_at, row_number() OVER (PARTITION BY organization_id ORDER BY scheduled_at, id) AS turn
      FROM posts
      WHERE status = 'SCHEDULED'::"PostStatus" AND scheduled_at <= ${dueBefore} ${orgFilter("organization_id", scope)}
    ) due
    ORDER BY turn, scheduled_at, organization_id
    LIMIT ${limit}`;
  const byOrg = new Map<string, string[]>();
  for (const row of rows) {
    const ids = byOrg.get(row.organization_id) ?? [];
    ids.push(row.id);
    byOrg.set(row.organization_id, ids);
  }
  return byOrg;
}

interface Batch {
  organizationId: string;
  postIds: string[];
}

/** Batches in round-robin order: every organization's first batch, then every second one, … */
function roundRobin(byOrg: ReadonlyMap<string, string[]>, batchSize: number): Batch[] {
  const queues = [...byOrg].map(([organizationId, ids]) => {
    const batches: Batch[] = [];
    for (let i = 0; i < ids.length; i += batchSize) batches.push({ organizationId, postIds: ids.slice(i, i + batchSize) });
    return batches;
  });
  const order: Batch[] = [];
  for (let turn = 0; queues.some((q) => turn < q.length); turn++) {
    for (const queue of queues) {
      const batch = queue[turn];
      if (batch) order.push(batch);
    }
  }
  return order;
}

/**
 * Claims due posts and publishes their targets, organization batch by organization batch (see
 * due-batch.ts). Concurrent dispatchers — two web processes, or this and the engine's sweep — never
 * take the same post (`FOR UPDATE SKIP LOCKED` inside each organization's transaction), and a
 * target is sent only by whoever claims its ledger row.
 */
export async function dispatchDuePosts(options: DispatchOptions = {}): Promise<DispatchResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const limit = options.limit ?? 500;
  const batchSize = Math.max(1, options.batchSize ?? 250);
  const logger = options.logger ?? silent;
  const dueBefore = new Date(now.getTime() - (options.graceMs ?? 0));

  const byOrg = await dueWork(dueBefore, limit, scopeOf(options));
  const batches = roundRobin(byOrg, batchSize);
  const tally = emptyTally();
  const ctx: BatchContext = { now, dueBefore, limiter: createLimiter(options.concurrency ?? 32), tally, logger, recordChunk: batchSize };
  const totals = { claimed: 0, targets: 0, missed: 0 };

  // Workers take batches in round-robin order, skipping an organization that already has its
  // share in progress (it gets the next free slot after its own batch ends).
  const perOrganization = Math.max(1, options.batchesPerOrganization ?? 2);
  const running = new Map<string, number>();
  const pending = [...batches];
  const wakeups: (() => void)[] = [];
  const takeNext = (): Batch | null | undefined => {
    const index = pending.findIndex((b) => (running.get(b.organizationId) ?? 0) < perOrganization);
    if (index < 0) return pending.length === 0 ? null : undefined;
    return pending.splice(index, 1)[0];
  };
  const worker = async () => {
    for (;;) {
      const batch = takeNext();
      if (batch === null) return;
      if (batch === undefined) {
        await new Promise<void>((resolve) => wakeups.push(resolve));
        continue;
      }
      running.set(batch.organizationId, (running.get(batch.organizationId) ?? 0) + 1);
      try {
        const result = await publishOrganizationBatch(batch.organizationId, batch.postIds, ctx);
        totals.claimed += result.claimed;
        totals.targets += result.targets;
        totals.missed += result.missed;
      } catch (error) {
        // The batch's transaction rolled back (nothing claimed) or its claims stay for the sweep.
        logger.warn(`a batch of ${batch.postIds.length} post(s) of organization ${batch.organizationId} failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        running.set(batch.organizationId, (running.get(batch.organizationId) ?? 1) - 1);
        for (const wake of wakeups.splice(0)) wake();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallelBatches ?? 4, batches.length)) }, worker));

  const result = { ...totals, organizations: byOrg.size, batches: batches.length, ...tally, durationMs: Date.now() - started };
  if (result.claimed > 0) {
    logger.info(
      `dispatched ${result.claimed} due post(s), ${result.targets} target(s): ${tally.published} published, ${tally.failed} failed, ${tally.cancelled} stood down, ${tally.retrying} to retry`,
    );
  }
  return result;
}

export interface StuckOptions {
  now?: Date;
  limit?: number;
  concurrency?: number;
  organizationId?: string;
  organizationIds?: readonly string[];
  logger?: SweepLogger;
}

interface StuckRow {
  target_id: string;
  organization_id: string;
  schedule_version: number;
}

/**
 * Targets held back only by their account's spacing throttle — left unclaimed by a batch (no
 * ledger row) or left QUEUED by a throttled publishTarget (no error on the row) — whose account
 * may send again: its last send is at least the spacing old. One per account (the earliest
 * scheduled), organizations in turns. Without the engine the local scheduler's passes (every 5 s)
 * thus send an account's backlog one by one at the spacing, instead of one per STUCK_RETRY_MS.
 *
 * This only chooses whom to retry: publishTarget checks the spacing again under the account's row
 * lock and claims the row with its compare-and-set, so a pass racing another, a batch or an engine
 * run never sends two closer than the spacing, nor one target twice.
 */
async function spacedTargetsReady(now: Date, limit: number, scope: readonly string[] | undefined): Promise<StuckRow[]> {
  const spaced = spacedNetworks();
  if (spaced.length === 0) return [];
  const networks = spaced.map((s) => s.network);
  // Per network, a send after this is too recent for the next one.
  const cutoffs = toTimestampArray(spaced.map((s) => new Date(now.getTime() - s.spacingMs)));
  return systemDb().$queryRaw<StuckRow[]>`
    WITH spacing AS (
      SELECT network, cutoff::timestamptz AT TIME ZONE 'UTC' AS cutoff FROM unnest(${networks}::text[], ${cutoffs}::text[]) AS s(network, cutoff)
    ), waiting AS (
      SELECT t.id AS target_id, t.organization_id, t.social_account_id, p.schedule_version, p.scheduled_at, l.id AS ledger_id, s.cutoff,
             row_number() OVER (PARTITION BY t.social_account_id ORDER BY p.scheduled_at, t.id) AS place
      FROM post_targets t
      JOIN spacing s ON s.network = t.network::text
      JOIN posts p ON p.id = t.post_id
      LEFT JOIN publish_ledger l ON l.post_target_id = t.id AND l.schedule_version = p.schedule_version
      WHERE p.status = 'PUBLISHING'::"PostStatus"
        AND t.status IN ('SCHEDULED'::"PostTargetStatus", 'PUBLISHING'::"PostTargetStatus") ${orgFilter("t.organization_id", scope)}
        AND (l.id IS NULL OR (l.state = 'QUEUED'::"LedgerState" AND l.error IS NULL))
    ), ready AS (
      SELECT w.target_id, w.organization_id, w.schedule_version, w.scheduled_at,
             row_number() OVER (PARTITION BY w.organization_id ORDER BY w.scheduled_at, w.target_id) AS turn
      FROM waiting w
      WHERE w.place = 1
        -- The account's last send (its own earlier attempt aside, as publishTarget counts it).
        AND NOT EXISTS (
          SELECT 1 FROM post_targets rt
          JOIN publish_ledger r ON r.post_target_id = rt.id AND r.organization_id = rt.organization_id
          WHERE rt.organization_id = w.organization_id AND rt.social_account_id = w.social_account_id
            AND r.sent_at > w.cutoff AND r.id IS DISTINCT FROM w.ledger_id
        )
    )
    SELECT target_id, organization_id, schedule_version FROM ready
    ORDER BY turn, scheduled_at
    LIMIT ${limit}`;
}

/**
 * Targets of publishing posts that stopped moving: never claimed, back in the queue after a
 * retryable error, or SENT without an answer (crash, timeout) past the lease — and, first, those
 * whose account's spacing now allows the send they were held back for (spacedTargetsReady). Each
 * goes through publishTarget again, whose recovery never posts twice — nothing stays "publishing"
 * silently.
 */
export async function retryStuckTargets(options: StuckOptions = {}): Promise<TargetTally & { found: number }> {
  const now = options.now ?? new Date();
  const logger = options.logger ?? silent;
  const limit = options.limit ?? 200;
  const scope = scopeOf(options);
  const retryBefore = new Date(now.getTime() - STUCK_RETRY_MS);
  const leaseBefore = new Date(now.getTime() - SEND_LEASE_MS);
  const ready = await spacedTargetsReady(now, limit, scope);
  // In turns per organization (as dueWork): one tenant's backlog of stuck targets cannot fill the pass.
  const stuck = await systemDb().$queryRaw<StuckRow[]>`
    SELECT target_id, organization_id, schedule_version FROM (
      SELECT t.id AS target_id, t.organization_id, p.schedule_version, p.scheduled_at,
             row_number() OVER (PARTITION BY t.organization_id ORDER BY p.scheduled_at, t.id) AS turn
      FROM post_targets t
      JOIN posts p ON p.id = t.post_id
      LEFT JOIN publish_ledger l ON l.post_target_id = t.id AND l.schedule_version = p.schedule_version
      WHERE p.status = 'PUBLISHING'::"PostStatus"
        AND t.status IN ('SCHEDULED'::"PostTargetStatus", 'PUBLISHING'::"PostTargetStatus") ${orgFilter("t.organization_id", scope)}
        AND (
          (l.id IS NULL AND p.updated_at < ${retryBefore})
          OR (l.state = 'QUEUED'::"LedgerState" AND l.updated_at < ${retryBefore})
          OR (l.state = 'SENT'::"LedgerState" AND ((l.error IS NOT NULL AND l.updated_at < ${retryBefore}) OR l.sent_at < ${leaseBefore}))
        )
    ) stuck
    ORDER BY turn, scheduled_at
    LIMIT ${limit}`;
  const chosen = new Set(ready.map((r) => r.target_id));
  const rows = [...ready, ...stuck.filter((r) => !chosen.has(r.target_id))].slice(0, limit);

  const tally = emptyTally();
  await pool(rows, options.concurrency ?? 4, async (row) => {
    // The sweep's clock decides whether a lag window has closed.
    await publishCounted(tally, { organizationId: row.organization_id, targetId: row.target_id, scheduleVersion: row.schedule_version, now: options.now }, logger);
  });
  if (rows.length > 0) {
    const spaced = ready.length > 0 ? ` (${ready.length} as their account's spacing allowed)` : "";
    logger.info(`retried ${rows.length} stuck target(s)${spaced}: ${tally.published} published, ${tally.failed} failed, ${tally.retrying} still retrying`);
  }
  return { found: rows.length, ...tally };
}

export interface VerifyOptions {
  now?: Date;
  /** Only posts acknowledged at least this long ago. */
  verifyAfterMs?: number;
  limit?: number;
  concurrency?: number;
  organizationId?: string;
  organizationIds?: readonly string[];
  logger?: SweepLogger;
}

interface AckRow {
  post_target_id: string;
  organization_id: string;
  schedule_version: number;
  acknowledged_at: Date;
}

/** Fetches acknowledged posts back; still missing 15 minutes after acknowledgement → FAILED. */
export async function verifyAcknowledged(options: VerifyOptions = {}): Promise<{ found: number; verified: number; failed: number; pending: number }> {
  const now = options.now ?? new Date();
  const logger = options.logger ?? silent;
  const before = new Date(now.getTime() - (options.verifyAfterMs ?? VERIFY_DELAY_MS));
  const rows = await systemDb().$queryRaw<AckRow[]>`
    SELECT post_target_id, organization_id, schedule_version, acknowledged_at FROM (
      SELECT post_target_id, organization_id, schedule_version, acknowledged_at,
             row_number() OVER (PARTITION BY organization_id ORDER BY acknowledged_at, id) AS turn
      FROM publish_ledger
      WHERE state = 'ACKNOWLEDGED'::"LedgerState" AND acknowledged_at <= ${before} ${orgFilter("organization_id", scopeOf(options))}
    ) acknowledged
    ORDER BY turn, acknowledged_at
    LIMIT ${options.limit ?? 200}`;
  const counts = { found: rows.length, verified: 0, failed: 0, pending: 0 };
  await pool(rows, options.concurrency ?? 4, async (row) => {
    try {
      const giveUp = now.getTime() - row.acknowledged_at.getTime() >= VERIFY_GIVE_UP_MS;
      const result = await verifyTarget({ organizationId: row.organization_id, targetId: row.post_target_id, scheduleVersion: row.schedule_version, now, giveUp });
      if (result.state === "VERIFIED") counts.verified++;
      else if (result.state === "FAILED") {
        counts.failed++;
        logger.warn(`target ${row.post_target_id}: ${result.error ?? "not live"}`);
      } else counts.pending++;
    } catch (error) {
      counts.pending++;
      logger.info(`could not verify target ${row.post_target_id} yet: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  if (counts.verified + counts.failed > 0) logger.info(`verified ${counts.verified} post(s) live, ${counts.failed} missing`);
  return counts;
}

export interface SweepOptions {
  now?: Date;
  /** How far past its time a SCHEDULED post must be before the sweep takes it (0 = at once). */
  graceMs?: number;
  verifyAfterMs?: number;
  limit?: number;
  /** Posts per organization batch of the due path. */
  batchSize?: number;
  concurrency?: number;
  organizationId?: string;
  organizationIds?: readonly string[];
  logger?: SweepLogger;
}

export interface SweepResult {
  dispatch: DispatchResult;
  stuck: Awaited<ReturnType<typeof retryStuckTargets>>;
  verification: Awaited<ReturnType<typeof verifyAcknowledged>>;
}

/** Due/missed posts, stuck targets, verification: one pass. */
export async function runPublishingSweep(options: SweepOptions = {}): Promise<SweepResult> {
  const common = { now: options.now, limit: options.limit, concurrency: options.concurrency, organizationId: options.organizationId, organizationIds: options.organizationIds, logger: options.logger };
  const dispatch = await dispatchDuePosts({ ...common, graceMs: options.graceMs, batchSize: options.batchSize });
  const stuck = await retryStuckTargets(common);
  const verification = await verifyAcknowledged({ ...common, verifyAfterMs: options.verifyAfterMs });
  return { dispatch, stuck, verification };
}
