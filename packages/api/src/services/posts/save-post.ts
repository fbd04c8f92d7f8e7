import { TRPCError } from "@trpc/server";
import type { Organization, PostStatus, TenantDb } from "@mg/db";
import { findNextFreeSlot } from "../queue-slots";
import { can, describeRolesWith, type Role } from "../../rbac";
import type { PostFieldsInput } from "../../schemas/posts";
import { badRequestWith } from "../../trpc/errors";
import { allMediaIds, assertPublishable, checkTargets, loadMedia, loadTargetAccounts } from "./targets";
import { resolveScheduleOrThrow, type ResolvedSchedule } from "./schedule-time";
import { cancelledEvent, scheduledEvent } from "./events";
import type { JobEvent } from "@mg/jobs";

export interface PostActor {
  db: TenantDb;
  org: Organization;
  role: Role;
  userId: string;
}

// OUTCOME_UNKNOWN: it may be live, and an edit would change what the lookup for it compares.
const LOCKED_STATUSES: readonly PostStatus[] = ["PUBLISHING", "PUBLISHED", "PARTIAL", "OUTCOME_UNKNOWN"];

/** Editors may change their own drafts; content managers and up, any post. */
export function assertMayEdit(actor: PostActor, post: { authorId: string | null; status: PostStatus }): void {
  if (can(actor.role, "posts.update")) return;
  if (post.authorId === actor.userId && post.status === "DRAFT") return;
  throw new TRPCError({
    code: "FORBIDDEN",
    message: post.authorId === actor.userId ? "Only drafts can be edited by content editors; ask a content manager." : `Only the author or ${describeRolesWith("posts.update")} can edit this post.`,
  });
}

export function assertMaySchedule(actor: PostActor): void {
  if (!can(actor.role, "posts.schedule")) {
    throw new TRPCError({ code: "FORBIDDEN", message: `Scheduling is for ${describeRolesWith("posts.schedule")}. Save it as a draft and ask one of them.` });
  }
}

/** The accounts' next free queue slot (their weekly slots in the organization's zone). */
async function nextQueueSlot(actor: PostActor, accountIds: readonly string[], now: Date): Promise<ResolvedSchedule> {
  const slotCount = await actor.db.queueSlot.count({ where: { socialAccountId: { in: [...accountIds] } } });
  if (slotCount === 0) throw badRequestWith("These accounts have no queue slots yet. Add some on the Accounts page or pick a time.", {});
  const free = await findNextFreeSlot(actor.db, actor.org, [...accountIds], now);
  if (!free) throw badRequestWith("Every queue slot in the next four weeks is taken. Add slots or pick a time.", {});
  return free;
}

/**
 * Creates or updates a post with its per-account targets and, by intent, schedules it. Returns the
 * events to send once the transaction commits (a schedule, or the cancellation of an old one).
 */
export async function savePost(actor: PostActor, input: PostFieldsInput & { postId?: string }, now: Date = new Date()) {
  const { db } = actor;
  const existing = input.postId ? await db.post.findFirst({ where: { id: input.postId }, include: { targets: true } }) : null;
  if (input.postId && !existing) throw new TRPCError({ code: "NOT_FOUND", message: "Post not found." });
  if (existing) {
    assertMayEdit(actor, existing);
    if (LOCKED_STATUSES.includes(existing.status)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "This post has already gone out (or is going out now). Duplicate it to post again." });
    }
  }
  if (input.intent !== "draft") assertMaySchedule(actor);
  if (input.campaignId) {
    const campaign = await db.campaign.findFirst({ where: { id: input.campaignId }, select: { id: true } });
    if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "Campaign not found." });
  }
  const accounts = await loadTargetAccounts(db, input.targets.map((t) => t.socialAccountId));
  const media = await loadMedia(db, allMediaIds(input));

  let schedule: ResolvedSchedule | null = null;
  if (input.intent === "schedule") {
    if (!input.schedule) throw badRequestWith("Pick a date and time to schedule.", {});
    schedule = resolveScheduleOrThrow(input.schedule, now);
  } else if (input.intent === "queue") {
    schedule = await nextQueueSlot(actor, accounts.map((a) => a.id), now);
  }
  if (schedule) assertPublishable(checkTargets(input, accounts, media), input.targets.length);

  const status: PostStatus = schedule ? "SCHEDULED" : "DRAFT";
  const wasScheduled = existing?.status === "SCHEDULED";
  const scheduleChanged = Boolean(schedule) || wasScheduled;
  const scheduleVersion = (existing?.scheduleVersion ?? 0) + (scheduleChanged ? 1 : 0);
  // A draft keeps the time the user typed (without resolving it) so the composer can show it again.
  const draftTime = !schedule && input.schedule ? { timezone: input.schedule.timezone, localTime: input.schedule.localTime } : null;

  const fields = {
    content: input.content,
    mediaIds: input.mediaIds,
    firstComment: input.firstComment ?? null,
    labels: [...new Set(input.labels)],
    campaignId: input.campaignId ?? null,
    status,
    timezone: schedule?.timezone ?? draftTime?.timezone ?? null,
    localTime: schedule?.localTime ?? draftTime?.localTime ?? null,
    scheduledAt: schedule?.scheduledAt ?? null,
    scheduleVersion,
    recurrenceRule: schedule && input.intent === "schedule" ? (input.schedule?.recurrenceRule?.replace(/^RRULE:/i, "") ?? null) : null,
  };
  const post = existing
    ? await db.post.update({ where: { id: existing.id }, data: fields })
    : await db.post.create({ data: { ...fields, organizationId: actor.org.id, authorId: actor.userId } });

  const byAccount = new Map(accounts.map((a) => [a.id, a]));
  const keep = new Set(input.targets.map((t) => t.socialAccountId));
  if (existing) {
    await db.postTarget.deleteMany({ where: { postId: post.id, socialAccountId: { notIn: [...keep] } } });
  }
  for (const target of input.targets) {
    const account = byAccount.get(target.socialAccountId);
    if (!account) continue;
    const data = {
      variantContent: target.variantContent ?? null,
      variantMediaIds: target.useBaseMedia ? [] : target.variantMediaIds,
      useBaseMedia: target.useBaseMedia,
      variantFirstComment: target.variantFirstComment ?? null,
      // TikTok's rules forbid a default: only the user's own choice is stored, and only for TikTok.
      tiktokPrivacyLevel: account.network === "TIKTOK" ? (target.tiktok?.privacyLevel ?? null) : null,
      status,
      scheduledAt: schedule?.scheduledAt ?? null,
      lastError: null,
      lastErrorCode: null,
    };
    await db.postTarget.upsert({
      where: { postId_socialAccountId: { postId: post.id, socialAccountId: account.id } },
      create: { ...data, organizationId: actor.org.id, postId: post.id, socialAccountId: account.id, network: account.network },
      update: data,
    });
  }

  const events: JobEvent[] = [];
  if (schedule) {
    const event = scheduledEvent(post);
    if (event) events.push(event);
  } else if (wasScheduled) {
    events.push(cancelledEvent(post));
  }
  return { post, events };
}
