import { withOrg } from "@mg/db";
import { isNetworkError, type RemotePost } from "@mg/integrations/types";
import { alertKeys, raiseAlert } from "./alerts";
import { accountAuth, adapterFor } from "./network";
import { lockPost, refreshPostStatus } from "./post-status";

export interface VerifyTargetInput {
  organizationId: string;
  targetId: string;
  scheduleVersion: number;
  now?: Date;
  /** Last look: a post still not live is declared missing (FAILED) instead of PENDING. */
  giveUp?: boolean;
}

export interface VerifyOutcome {
  targetId: string;
  /** PENDING: not live yet, look again later. SKIPPED: nothing to verify (not acknowledged, account disconnected). */
  state: "VERIFIED" | "PENDING" | "FAILED" | "SKIPPED";
  error?: string;
}

export const NOT_LIVE_MESSAGE = "Not found on the network after publishing: the network acknowledged the post, but it is not live.";

/**
 * Fetches an acknowledged post back from the network: live → VERIFIED (ledger + target). Errors
 * of the network itself are thrown (the caller retries); only "not live" counts against the post.
 */
export async function verifyTarget(input: VerifyTargetInput): Promise<VerifyOutcome> {
  const { organizationId, targetId, scheduleVersion } = input;
  const now = input.now ?? new Date();

  const loaded = await withOrg(organizationId, async (db) => {
    const ledger = await db.publishLedger.findUnique({ where: { postTargetId_scheduleVersion: { postTargetId: targetId, scheduleVersion } } });
    if (!ledger) return null;
    const target = await db.postTarget.findUnique({ where: { id: targetId }, include: { socialAccount: true } });
    return target ? { ledger, target } : null;
  });
  if (!loaded) return { targetId, state: "SKIPPED", error: "Nothing was published for this version." };
  const { ledger, target } = loaded;
  if (ledger.state === "VERIFIED") return { targetId, state: "VERIFIED" };
  if (ledger.state !== "ACKNOWLEDGED" || !ledger.externalId) return { targetId, state: "SKIPPED", error: `The publish is ${ledger.state.toLowerCase()}.` };
  const account = target.socialAccount;
  if (account.status !== "CONNECTED") return { targetId, state: "SKIPPED", error: "The account is not connected; it cannot be checked." };

  const adapter = adapterFor(account.network);
  let remote: RemotePost;
  try {
    remote = await adapter.fetchPost(await accountAuth(account), ledger.externalId);
  } catch (error) {
    // The network accepted the post but does not let us read it back (a member's LinkedIn post):
    // its answer stands (acknowledged = published); there is nothing more to check.
    if (isNetworkError(error) && error.code === "UNAVAILABLE") return { targetId, state: "SKIPPED", error: error.message };
    if (!isNetworkError(error) || error.code !== "NOT_FOUND") throw error;
    remote = { live: false };
  }

  if (remote.live) {
    await withOrg(organizationId, async (db) => {
      await lockPost(db, target.postId);
      await db.publishLedger.updateMany({
        where: { id: ledger.id, state: "ACKNOWLEDGED" },
        data: { state: "VERIFIED", verifiedAt: now, externalUrl: ledger.externalUrl ?? remote.url ?? null },
      });
      await db.postTarget.update({ where: { id: targetId }, data: { verifiedAt: now, externalUrl: target.externalUrl ?? remote.url ?? null } });
    });
    return { targetId, state: "VERIFIED" };
  }
  if (!input.giveUp) return { targetId, state: "PENDING" };

  const message = `${NOT_LIVE_MESSAGE} Check ${adapter.displayName} (post id ${ledger.externalId}).`;
  await withOrg(organizationId, async (db) => {
    await lockPost(db, target.postId);
    const { count } = await db.publishLedger.updateMany({
      where: { id: ledger.id, state: "ACKNOWLEDGED" },
      data: { state: "FAILED", error: message, errorCode: "NOT_LIVE", retryable: false, failedAt: now },
    });
    if (count === 0) return;
    await db.postTarget.update({ where: { id: targetId }, data: { status: "FAILED", lastError: message, lastErrorCode: "NOT_LIVE" } });
    await refreshPostStatus(db, target.postId);
    await raiseAlert(db, {
      organizationId,
      kind: "PUBLISH_FAILED",
      title: `A post to ${account.name} is not live`,
      body: message,
      postId: target.postId,
      socialAccountId: account.id,
      dedupeKey: alertKeys.publishFailed(targetId, scheduleVersion),
    });
  });
  return { targetId, state: "FAILED", error: message };
}
