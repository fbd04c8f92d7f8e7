import { Prisma, withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { RetryAfterError } from "inngest";
import { MISSED_AFTER_MS, SEND_LEASE_MS, STUCK_RETRY_MS, VERIFY_DELAY_MS, VERIFY_GIVE_UP_MS } from "./config";
import { markMissed } from "./plan";
import { refreshPostStatus } from "./post-status";
import { publishTarget, type PublishOutcome } from "./publish-target";
import { verifyTarget } from "./verify-target";

/**
 * The engine-independent half of publishing: claiming due posts, retrying targets that stopped
 * moving, verifying acknowledged posts. Used by the every-minute sweep function (a safety net
 * behind the durable runs) and by the local scheduler (the only publisher when no engine runs).
 *
 * Discovery spans organizations by design (systemDb); every change to a post goes through
 * publishTarget (and markMissed), i.e. through withOrg and the ledger.
 */

export interface SweepLogger {
  info(message: string): void;
  warn(message: string): void;
}

const silent: SweepLogger = { info() {}, warn() {} };

export interface DispatchOptions {
  now?: Date;
  /** Posts claimed per call. */
  limit?: number;
  /** Only posts this far past their time (the engine's runs get the first chance). Default 0. */
  graceMs?: number;
  /** Targets published in parallel. */
  concurrency?: number;
  /** Only this organization's posts (tests, operators debugging one tenant). Default: all. */
  organizationId?: string;
  logger?: SweepLogger;
}

/** `AND <column> = <org>` when scoped to one organization. */
function orgFilter(column: string, organizationId: string | undefined): Prisma.Sql {
  return organizationId ? Prisma.sql`AND ${Prisma.raw(column)} = ${organizationId}::uuid` : Prisma.empty;
}

export interface TargetTally {
  published: number;
  failed: number;
  cancelled: number;
  /** Sent, and past the network's lag window without proof either way: the user decides. */
  unknown: number;
  /** Will be retried (throttled, rate-limited, in flight elsewhere, no answer yet). */
  retrying: number;
}

export interface DispatchResult extends TargetTally {
  /** Posts this call claimed (SCHEDULED → PUBLISHING). */
  claimed: number;
  targets: number;
  /** Claimed posts that were more than 15 minutes late (POST_MISSED raised). */
  missed: number;
  durationMs: number;
}

interface ClaimedPost {
  id: string;
  organization_id: string;
  schedule_version: number;
  scheduled_at: Date;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}

function emptyTally(): TargetTally {
  return { published: 0, failed: 0, cancelled: 0, unknown: 0, retrying: 0 };
}

async function publishCounted(tally: TargetTally, input: { organizationId: string; targetId: string; scheduleVersion: number; now?: Date }, logger: SweepLogger): Promise<PublishOutcome | null> {
  try {
    const outcome = await publishTarget(input);
    if (outcome.state === "ACKNOWLEDGED" || outcome.state === "VERIFIED") tally.published++;
    else if (outcome.state === "FAILED") {
      tally.failed++;
      logger.warn(`target ${input.targetId} failed: ${outcome.error ?? "unknown error"}`);
    } else if (outcome.state === "OUTCOME_UNKNOWN") {
      tally.unknown++;
      logger.warn(`target ${input.targetId}: ${outcome.error ?? "outcome unknown"}`);
    } else if (outcome.state === "PENDING") tally.retrying++;
    else tally.cancelled++;
    return outcome;
  } catch (error) {
    tally.retrying++;
    const wait = error instanceof RetryAfterError ? ` (retry after ${error.retryAfter})` : "";
    logger.info(`target ${input.targetId} will be retried${wait}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * Claims due posts with one conditional UPDATE (SCHEDULED → PUBLISHING, `FOR UPDATE SKIP
 * LOCKED`), so concurrent dispatchers — two web processes, or this and the engine's sweep —
 * never take the same post, then publishes their targets through the ledger.
 */
export async function dispatchDuePosts(options: DispatchOptions = {}): Promise<DispatchResult> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const limit = options.limit ?? 500;
  const logger = options.logger ?? silent;
  const dueBefore = new Date(now.getTime() - (options.graceMs ?? 0));

  const claimed = await systemDb().$queryRaw<ClaimedPost[]>`
    UPDATE posts SET status = 'PUBLISHING'::"PostStatus", updated_at = ${new Date()}
    WHERE id IN (
      SELECT id FROM posts
      WHERE status = 'SCHEDULED'::"PostStatus" AND scheduled_at <= ${dueBefore} ${orgFilter("organization_id", options.organizationId)}
      ORDER BY scheduled_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ) AND status = 'SCHEDULED'::"PostStatus"
    RETURNING id, organization_id, schedule_version, scheduled_at`;

  const tally = emptyTally();
  let missed = 0;
  const ids = claimed.map((p) => p.id);
  const work = ids.length
    ? await systemDb().postTarget.findMany({
        where: { postId: { in: ids }, status: { in: ["SCHEDULED", "PUBLISHING"] } },
        select: { id: true, postId: true, organizationId: true },
        orderBy: [{ postId: "asc" }, { id: "asc" }],
      })
    : [];
  const withTargets = new Set(work.map((t) => t.postId));
  await pool(claimed, options.concurrency ?? 8, async (post) => {
    const lateMs = now.getTime() - post.scheduled_at.getTime();
    const lateMinutes = Math.floor(lateMs / 60_000);
    if (!withTargets.has(post.id)) {
      await withOrg(post.organization_id, async (db) => {
        const status = await refreshPostStatus(db, post.id);
        // Nothing to publish to (every target cancelled): do not leave it "publishing".
        if (status === "PUBLISHING") await db.post.updateMany({ where: { id: post.id, status: "PUBLISHING" }, data: { status: "CANCELLED" } });
      });
      logger.warn(`post ${post.id} has no account left to publish to; cancelled`);
      return;
    }
    if (lateMs > MISSED_AFTER_MS) {
      missed++;
      await withOrg(post.organization_id, (db) => markMissed(db, post.organization_id, post.id, post.schedule_version, lateMinutes, now));
      logger.warn(`post ${post.id} is ${lateMinutes} minutes late (engine was down?); publishing now`);
    }
  });
  const version = new Map(claimed.map((p) => [p.id, p.schedule_version]));
  await pool(work, options.concurrency ?? 8, async (t) => {
    await publishCounted(tally, { organizationId: t.organizationId, targetId: t.id, scheduleVersion: version.get(t.postId) ?? -1 }, logger);
  });
  const targets = work.length;

  const result = { claimed: claimed.length, targets, missed, ...tally, durationMs: Date.now() - started };
  if (result.claimed > 0) {
    logger.info(
      `dispatched ${result.claimed} due post(s), ${targets} target(s): ${tally.published} published, ${tally.failed} failed, ${tally.cancelled} stood down, ${tally.retrying} to retry`,
    );
  }
  return result;
}

export interface StuckOptions {
  now?: Date;
  limit?: number;
  concurrency?: number;
  organizationId?: string;
  logger?: SweepLogger;
}

interface StuckRow {
  target_id: string;
  organization_id: string;
  schedule_version: number;
}

/**
 * Targets of publishing posts that stopped moving: never claimed, back in the queue after a
 * retryable error, or SENT without an answer (crash, timeout) past the lease. Each goes through
 * publishTarget again, whose recovery never posts twice — nothing stays "publishing" silently.
 */
export async function retryStuckTargets(options: StuckOptions = {}): Promise<TargetTally & { found: number }> {
  const now = options.now ?? new Date();
  const logger = options.logger ?? silent;
  const retryBefore = new Date(now.getTime() - STUCK_RETRY_MS);
  const leaseBefore = new Date(now.getTime() - SEND_LEASE_MS);
  const rows = await systemDb().$queryRaw<StuckRow[]>`
    SELECT t.id AS target_id, t.organization_id, p.schedule_version
    FROM post_targets t
    JOIN posts p ON p.id = t.post_id
    LEFT JOIN publish_ledger l ON l.post_target_id = t.id AND l.schedule_version = p.schedule_version
    WHERE p.status = 'PUBLISHING'::"PostStatus"
      AND t.status IN ('SCHEDULED'::"PostTargetStatus", 'PUBLISHING'::"PostTargetStatus") ${orgFilter("t.organization_id", options.organizationId)}
      AND (
        (l.id IS NULL AND p.updated_at < ${retryBefore})
        OR (l.state = 'QUEUED'::"LedgerState" AND l.updated_at < ${retryBefore})
        OR (l.state = 'SENT'::"LedgerState" AND ((l.error IS NOT NULL AND l.updated_at < ${retryBefore}) OR l.sent_at < ${leaseBefore}))
      )
    ORDER BY p.scheduled_at
    LIMIT ${options.limit ?? 200}`;

  const tally = emptyTally();
  await pool(rows, options.concurrency ?? 4, async (row) => {
    // The sweep's clock decides whether a lag window has closed.
    await publishCounted(tally, { organizationId: row.organization_id, targetId: row.target_id, scheduleVersion: row.schedule_version, now: options.now }, logger);
  });
  if (rows.length > 0) {
    logger.info(`retried ${rows.length} stuck target(s): ${tally.published} published, ${tally.failed} failed, ${tally.retrying} still retrying`);
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
    SELECT post_target_id, organization_id, schedule_version, acknowledged_at
    FROM publish_ledger
    WHERE state = 'ACKNOWLEDGED'::"LedgerState" AND acknowledged_at <= ${before} ${orgFilter("organization_id", options.organizationId)}
    ORDER BY acknowledged_at
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
  concurrency?: number;
  organizationId?: string;
  logger?: SweepLogger;
}

export interface SweepResult {
  dispatch: DispatchResult;
  stuck: Awaited<ReturnType<typeof retryStuckTargets>>;
  verification: Awaited<ReturnType<typeof verifyAcknowledged>>;
}

/** Due/missed posts, stuck targets, verification: one pass. */
export async function runPublishingSweep(options: SweepOptions = {}): Promise<SweepResult> {
  const common = { now: options.now, limit: options.limit, concurrency: options.concurrency, organizationId: options.organizationId, logger: options.logger };
  const dispatch = await dispatchDuePosts({ ...common, graceMs: options.graceMs });
  const stuck = await retryStuckTargets(common);
  const verification = await verifyAcknowledged({ ...common, verifyAfterMs: options.verifyAfterMs });
  return { dispatch, stuck, verification };
}
