import { tiktokChoice } from "@mg/integrations/types";
import { TRPCError } from "@trpc/server";
import type { JobEvent } from "@mg/jobs";
import { can } from "../../rbac";
import { badRequestWith } from "../../trpc/errors";
import { cancelledEvent, scheduledEvent } from "./events";
import { assertMayEdit, type PostActor } from "./save-post";
import { nowInZone, resolveScheduleOrThrow, type ResolvedSchedule } from "./schedule-time";
import { allMediaIds, assertPublishable, checkTargets, loadMedia, loadTargetAccounts } from "./targets";

async function loadPost(actor: PostActor, postId: string) {
  const post = await actor.db.post.findFirst({ where: { id: postId }, include: { targets: true } });
  if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "Post not found." });
  return post;
}
type LoadedPost = Awaited<ReturnType<typeof loadPost>>;

/** Re-checks what each target would publish before it is (re)scheduled. */
async function assertStillPublishable(actor: PostActor, post: LoadedPost): Promise<void> {
  const fields = {
    content: post.content,
    mediaIds: post.mediaIds,
    firstComment: post.firstComment,
    targets: post.targets.map((t) => ({
      socialAccountId: t.socialAccountId,
      variantContent: t.variantContent,
      variantMediaIds: t.variantMediaIds,
      useBaseMedia: t.useBaseMedia,
      variantFirstComment: t.variantFirstComment,
      tiktok: tiktokChoice(t.tiktokPrivacyLevel),
    })),
  };
  const accounts = await loadTargetAccounts(actor.db, fields.targets.map((t) => t.socialAccountId));
  const media = await loadMedia(actor.db, allMediaIds(fields));
  assertPublishable(checkTargets(fields, accounts, media), fields.targets.length);
}

/** Moves a post to a new instant (drag and drop, "publish now"): a new schedule version. */
async function applySchedule(actor: PostActor, post: LoadedPost, schedule: ResolvedSchedule): Promise<{ events: JobEvent[] }> {
  if (post.status === "PUBLISHING" || post.status === "PUBLISHED" || post.status === "PARTIAL") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "This post has already gone out (or is going out now); it cannot be moved." });
  }
  // Moving it would send the unconfirmed target again without anyone deciding to.
  if (post.status === "OUTCOME_UNKNOWN") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "We couldn't confirm whether this post went out: tell us whether it is live or should be sent again first." });
  }
  await assertStillPublishable(actor, post);
  const updated = await actor.db.post.update({
    where: { id: post.id },
    data: {
      status: "SCHEDULED",
      timezone: schedule.timezone,
      localTime: schedule.localTime,
      scheduledAt: schedule.scheduledAt,
      scheduleVersion: post.scheduleVersion + 1,
      missedAt: null,
    },
  });
  await actor.db.postTarget.updateMany({
    where: { postId: post.id, status: { not: "PUBLISHED" } },
    data: { status: "SCHEDULED", scheduledAt: schedule.scheduledAt, lastError: null, lastErrorCode: null },
  });
  const event = scheduledEvent(updated);
  return { events: event ? [event] : [] };
}

export async function reschedulePost(
  actor: PostActor,
  input: { postId: string; timezone: string; localTime: string; disambiguation?: "earlier" | "later" },
  now: Date = new Date(),
) {
  const post = await loadPost(actor, input.postId);
  const schedule = resolveScheduleOrThrow(input, now);
  const { events } = await applySchedule(actor, post, schedule);
  return { post: { id: post.id, ...schedule }, events };
}

export async function publishPostNow(actor: PostActor, postId: string, now: Date = new Date()) {
  const post = await loadPost(actor, postId);
  const schedule = nowInZone(post.timezone ?? actor.org.timezone, now);
  const { events } = await applySchedule(actor, post, schedule);
  return { post: { id: post.id, ...schedule }, events };
}

/** Back to draft; the pending publish run stands down (its version is now stale). */
export async function unschedulePost(actor: PostActor, postId: string) {
  const post = await loadPost(actor, postId);
  if (post.status !== "SCHEDULED" && post.status !== "FAILED") {
    throw new TRPCError({ code: "BAD_REQUEST", message: post.status === "DRAFT" ? "This post is not scheduled." : "This post has already gone out (or is going out now)." });
  }
  const updated = await actor.db.post.update({
    where: { id: post.id },
    data: { status: "DRAFT", scheduledAt: null, scheduleVersion: post.scheduleVersion + 1, missedAt: null },
  });
  await actor.db.postTarget.updateMany({ where: { postId: post.id, status: { not: "PUBLISHED" } }, data: { status: "DRAFT", scheduledAt: null } });
  return { post: updated, events: [cancelledEvent(updated)] };
}

/**
 * One-click retry of a failed target: its ledger row for the current version goes back to
 * QUEUED, so the publish step may send again. A target whose outcome is unknown (the network may
 * have the post) is retried only because a person looked and chose to.
 */
export async function retryTarget(actor: PostActor, targetId: string) {
  const target = await actor.db.postTarget.findFirst({ where: { id: targetId }, include: { post: true, socialAccount: { select: { status: true, name: true } } } });
  if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "Not found." });
  if (target.status !== "FAILED") throw new TRPCError({ code: "BAD_REQUEST", message: "Only a failed target can be retried." });
  if (target.socialAccount.status !== "CONNECTED") {
    throw badRequestWith(`${target.socialAccount.name} needs to be reconnected first.`, { targetIssues: [{ socialAccountId: target.socialAccountId, field: "account", message: "Reconnect this account, then retry." }] });
  }
  const version = target.post.scheduleVersion;
  const ledger = await actor.db.publishLedger.findFirst({ where: { postTargetId: target.id, scheduleVersion: version } });
  if (ledger && (ledger.state === "ACKNOWLEDGED" || ledger.state === "VERIFIED")) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "The network already has this post; it will not be sent twice." });
  }
  if (ledger) {
    // Every attempt of a failed row was refused, so none of them can be live: the lookups of the
    // new chain of attempts start from now, not from the first one (queuedAt).
    await actor.db.publishLedger.update({ where: { id: ledger.id }, data: { state: "QUEUED", error: null, errorCode: null, retryable: null, failedAt: null, queuedAt: new Date() } });
  }
  await actor.db.postTarget.update({ where: { id: target.id }, data: { status: "SCHEDULED", lastError: null, lastErrorCode: null } });
  await actor.db.post.update({ where: { id: target.postId }, data: { status: "PUBLISHING" } });
  const attempt = ledger?.attempts ?? 0;
  const event: JobEvent = {
    name: "post/publish.requested",
    id: `retry:${target.id}:v${version}:a${attempt}`,
    data: { organizationId: actor.org.id, postId: target.postId, scheduleVersion: version, targetIds: [target.id] },
  };
  return { target: { id: target.id, postId: target.postId }, events: [event] };
}

/** Deletes a post from the app (not from networks it already reached) and cancels its run. */
export async function deletePost(actor: PostActor, postId: string) {
  const post = await loadPost(actor, postId);
  if (!can(actor.role, "posts.delete")) assertMayEdit(actor, post);
  if (post.status === "PUBLISHING") throw new TRPCError({ code: "BAD_REQUEST", message: "This post is being published right now; try again in a minute." });
  await actor.db.post.delete({ where: { id: post.id } });
  const events = post.status === "SCHEDULED" ? [cancelledEvent({ ...post, scheduleVersion: post.scheduleVersion + 1 })] : [];
  return { post: { id: post.id }, events };
}
