import { withOrg, type TenantDb } from "@mg/db";
import { alertKeys, raiseAlert, raiseAlerts, type AlertInput } from "./alerts";
import { MISSED_AFTER_MS } from "./config";

export interface PublishPlanInput {
  organizationId: string;
  postId: string;
  scheduleVersion: number;
  now?: Date;
  /** Only these targets (empty or absent: every live target of the post). */
  targetIds?: readonly string[];
  /** A retry: failed targets are included. */
  includeFailed?: boolean;
}

export type PublishPlan =
  | { status: "stale"; reason: string }
  | {
      status: "ready";
      targetIds: string[];
      /** Minutes past the scheduled instant when the run woke up (0 if on time or unscheduled). */
      lateMinutes: number;
      missed: boolean;
    };

/**
 * The first thing a publish run does after waking: re-read the post (stand down if it was
 * rescheduled or cancelled while we slept), mark it PUBLISHING so the sweep knows a run has it,
 * and note whether it woke too late (engine down) so the user is told.
 */
export async function startPublishing(input: PublishPlanInput): Promise<PublishPlan> {
  const now = input.now ?? new Date();
  return withOrg(input.organizationId, async (db) => {
    const post = await db.post.findUnique({
      where: { id: input.postId },
      select: { id: true, status: true, scheduleVersion: true, scheduledAt: true, targets: { select: { id: true, status: true } } },
    });
    if (!post) return { status: "stale", reason: "The post was deleted." };
    if (post.scheduleVersion !== input.scheduleVersion) {
      return { status: "stale", reason: `Superseded by a newer schedule (v${post.scheduleVersion}).` };
    }
    if (post.status === "CANCELLED" || post.status === "DRAFT") return { status: "stale", reason: `The post is ${post.status.toLowerCase()}.` };

    const wanted = input.targetIds && input.targetIds.length > 0 ? new Set(input.targetIds) : null;
    const targetIds = post.targets
      .filter((t) => (wanted ? wanted.has(t.id) : true))
      .filter((t) => t.status === "SCHEDULED" || t.status === "PUBLISHING" || (input.includeFailed && t.status === "FAILED"))
      .map((t) => t.id)
      .sort();

    if (post.status === "SCHEDULED" && targetIds.length > 0) {
      await db.post.updateMany({ where: { id: post.id, status: "SCHEDULED", scheduleVersion: input.scheduleVersion }, data: { status: "PUBLISHING" } });
    }
    const lateMs = post.scheduledAt ? now.getTime() - post.scheduledAt.getTime() : 0;
    const lateMinutes = Math.max(0, Math.floor(lateMs / 60_000));
    const missed = lateMs > MISSED_AFTER_MS && !input.includeFailed;
    if (missed) await markMissed(db, input.organizationId, post.id, input.scheduleVersion, lateMinutes, now);
    return { status: "ready", targetIds, lateMinutes, missed };
  });
}

function missedAlert(organizationId: string, postId: string, scheduleVersion: number, lateMinutes: number): AlertInput {
  return {
    organizationId,
    kind: "POST_MISSED",
    title: "A post missed its scheduled time",
    body: `The post was published ${lateMinutes} minutes late: the publishing engine was not running at its scheduled time.`,
    postId,
    dedupeKey: alertKeys.postMissed(postId, scheduleVersion),
  };
}

/** POST_MISSED alert + `missedAt`, once per post version. */
export async function markMissed(db: TenantDb, organizationId: string, postId: string, scheduleVersion: number, lateMinutes: number, now: Date): Promise<void> {
  await db.post.updateMany({ where: { id: postId, missedAt: null }, data: { missedAt: now } });
  await raiseAlert(db, missedAlert(organizationId, postId, scheduleVersion, lateMinutes));
}

/** markMissed for a batch of posts: two statements however many (an engine outage makes them all late). */
export async function markMissedMany(
  db: TenantDb,
  organizationId: string,
  posts: readonly { postId: string; scheduleVersion: number; lateMinutes: number }[],
  now: Date,
): Promise<void> {
  if (posts.length === 0) return;
  await db.post.updateMany({ where: { id: { in: posts.map((p) => p.postId) }, missedAt: null }, data: { missedAt: now } });
  await raiseAlerts(db, posts.map((p) => missedAlert(organizationId, p.postId, p.scheduleVersion, p.lateMinutes)));
}
