import { TRPCError } from "@trpc/server";
import type { JobEvent } from "@mg/jobs";
import { lockPost, refreshPostStatus } from "@mg/jobs/publishing";
import { badRequestWith } from "../../trpc/errors";
import type { PostActor } from "./save-post";

/**
 * The user's decision on a target whose outcome could not be proven (OUTCOME_UNKNOWN): they
 * checked the network and say "it is live", or "send it again". Both are recorded on the target's
 * ledger row for the current version (its state, `errorCode` naming the decision, and
 * `outcomeUnknownAt`, which stays) and in the audit log (who).
 */
export const DECISION_CODES = {
  confirmedLive: "CONFIRMED_LIVE_BY_USER",
  sendAgain: "SEND_AGAIN_BY_USER",
} as const;

async function loadUndecided(actor: PostActor, targetId: string) {
  const found = await actor.db.postTarget.findFirst({ where: { id: targetId }, select: { postId: true } });
  if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "Not found." });
  // The publish pipeline takes the same lock before it writes a target: a late answer and this decision take turns.
  await lockPost(actor.db, found.postId);
  const target = await actor.db.postTarget.findFirst({
    where: { id: targetId },
    include: { post: { select: { id: true, scheduleVersion: true } }, socialAccount: { select: { name: true, status: true } } },
  });
  if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "Not found." });
  const ledger = await actor.db.publishLedger.findFirst({ where: { postTargetId: target.id, scheduleVersion: target.post.scheduleVersion } });
  if (target.status !== "OUTCOME_UNKNOWN" || ledger?.state !== "OUTCOME_UNKNOWN") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Only a post we could not confirm needs this decision; this one's outcome is known." });
  }
  return { target, ledger };
}

/** "It is live": published and verified by the person who looked, with the post's address when they have it. */
export async function confirmLive(actor: PostActor, input: { targetId: string; url?: string | null }, now: Date = new Date()) {
  const { target, ledger } = await loadUndecided(actor, input.targetId);
  const url = input.url ?? null;
  await actor.db.publishLedger.update({
    where: { id: ledger.id },
    data: {
      state: "VERIFIED",
      verifiedAt: now,
      externalUrl: url,
      errorCode: DECISION_CODES.confirmedLive,
      error: "Confirmed live on the network by a member after the outcome could not be confirmed automatically.",
      retryable: null,
    },
  });
  await actor.db.postTarget.update({
    where: { id: target.id },
    // It went out with the attempt, not when someone looked.
    data: { status: "PUBLISHED", publishedAt: ledger.sentAt ?? now, verifiedAt: now, externalUrl: url, lastError: null, lastErrorCode: null },
  });
  const status = await refreshPostStatus(actor.db, target.postId);
  return { target: { id: target.id, postId: target.postId, status: "PUBLISHED" as const, externalUrl: url }, postStatus: status };
}

/** "Send it again": a new attempt, deliberately — the ledger row goes back to the queue for this version. */
export async function sendAgain(actor: PostActor, targetId: string) {
  const { target, ledger } = await loadUndecided(actor, targetId);
  if (target.socialAccount.status !== "CONNECTED") {
    throw badRequestWith(`${target.socialAccount.name} needs to be reconnected first.`, {
      targetIssues: [{ socialAccountId: target.socialAccountId, field: "account", message: "Reconnect this account, then send it again." }],
    });
  }
  // queuedAt stays: should the earlier attempt's post surface after all, a lookup for this one still finds it instead of posting twice.
  await actor.db.publishLedger.update({
    where: { id: ledger.id },
    data: { state: "QUEUED", errorCode: DECISION_CODES.sendAgain, error: "Sent again on a member's decision after the outcome could not be confirmed.", retryable: null },
  });
  await actor.db.postTarget.update({ where: { id: target.id }, data: { status: "SCHEDULED", lastError: null, lastErrorCode: null } });
  await actor.db.post.update({ where: { id: target.postId }, data: { status: "PUBLISHING" } });
  const version = target.post.scheduleVersion;
  const event: JobEvent = {
    name: "post/publish.requested",
    id: `send-again:${target.id}:v${version}:a${ledger.attempts}`,
    data: { organizationId: actor.org.id, postId: target.postId, scheduleVersion: version, targetIds: [target.id] },
  };
  return { target: { id: target.id, postId: target.postId, status: "SCHEDULED" as const }, events: [event] };
}
