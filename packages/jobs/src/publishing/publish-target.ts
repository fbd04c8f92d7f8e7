import { withOrg, type TenantDb } from "@mg/db";
import { isNetworkError, type AccountAuth, type NetworkAdapter, type PublishMedia, type PublishRequest, type PublishResult } from "@mg/integrations/types";
import { RetryAfterError } from "inngest";
import { alertKeys, raiseAlert } from "./alerts";
import { accountSpacingMs, SEND_LEASE_MS } from "./config";
import { accountAuth, adapterFor } from "./network";
import { lockPost, refreshPostStatus } from "./post-status";

/** Where one target ended up after a publish attempt (step output: JSON only). */
export interface PublishOutcome {
  targetId: string;
  state: "ACKNOWLEDGED" | "VERIFIED" | "FAILED" | "CANCELLED";
  externalId?: string | null;
  url?: string | null;
  /** The network's own message (FAILED), or why the run stood down (CANCELLED). */
  error?: string;
  errorCode?: string;
  /** True when this call is the one that got the network's acknowledgement. */
  sent?: boolean;
}

export interface PublishTargetInput {
  organizationId: string;
  targetId: string;
  /** The version the caller was scheduled for; a post rescheduled since then is left alone. */
  scheduleVersion: number;
  /** The clock for leases, throttling and timestamps (tests pin it). */
  now?: Date;
  /** One-click retry: a FAILED ledger row of this version is queued again. */
  retryFailed?: boolean;
}

export const idempotencyKeyFor = (targetId: string, scheduleVersion: number) => `${targetId}:v${scheduleVersion}`;

/** The network call failed in a way worth retrying; thrown so the job engine's step retries it. */
export class PublishRetryableError extends Error {
  override name = "PublishRetryableError";
}

type LedgerRow = Awaited<ReturnType<typeof loadLedger>>;

function loadLedger(db: TenantDb, targetId: string, scheduleVersion: number) {
  return db.publishLedger.findUnique({ where: { postTargetId_scheduleVersion: { postTargetId: targetId, scheduleVersion } } });
}

async function ensureLedger(db: TenantDb, organizationId: string, targetId: string, scheduleVersion: number) {
  // ON CONFLICT DO NOTHING: a failed INSERT would abort the whole transaction.
  const [created] = await db.publishLedger.createManyAndReturn({
    data: [{ organizationId, postTargetId: targetId, scheduleVersion, idempotencyKey: idempotencyKeyFor(targetId, scheduleVersion) }],
    skipDuplicates: true,
  });
  const ledger = created ?? (await loadLedger(db, targetId, scheduleVersion));
  if (!ledger) throw new Error(`publish ledger row for target ${targetId} v${scheduleVersion} vanished`);
  return ledger;
}

/**
 * Locks the target's post (see lockPost) and reads its status and version in the same
 * statement, so what we decide on is what the lock protects.
 */
async function lockPostOfTarget(db: TenantDb, targetId: string) {
  const rows = await db.$queryRaw<{ id: string; status: string; schedule_version: number }[]>`
    SELECT p.id, p.status::text AS status, p.schedule_version
    FROM posts p JOIN post_targets t ON t.post_id = p.id
    WHERE t.id = ${targetId}::uuid
    FOR NO KEY UPDATE OF p`;
  const row = rows[0];
  return row ? { id: row.id, status: row.status, scheduleVersion: row.schedule_version } : null;
}

function loadTarget(db: TenantDb, targetId: string, scheduleVersion: number) {
  return db.postTarget.findUnique({
    where: { id: targetId },
    include: {
      post: { select: { content: true, mediaIds: true, firstComment: true } },
      socialAccount: true,
      ledger: { where: { scheduleVersion }, take: 1 },
    },
  });
}
type LoadedTarget = NonNullable<Awaited<ReturnType<typeof loadTarget>>>;

function fromLedger(targetId: string, ledger: NonNullable<LedgerRow>): PublishOutcome {
  if (ledger.state === "ACKNOWLEDGED" || ledger.state === "VERIFIED") {
    return { targetId, state: ledger.state, externalId: ledger.externalId, url: ledger.externalUrl };
  }
  if (ledger.state === "CANCELLED") return { targetId, state: "CANCELLED", error: ledger.error ?? "cancelled" };
  return { targetId, state: "FAILED", error: ledger.error ?? "failed", errorCode: ledger.errorCode ?? undefined };
}

async function buildRequest(db: TenantDb, target: LoadedTarget, idempotencyKey: string): Promise<PublishRequest> {
  const mediaIds = target.useBaseMedia ? target.post.mediaIds : target.variantMediaIds;
  const assets = mediaIds.length
    ? await db.mediaAsset.findMany({ where: { id: { in: mediaIds }, deletedAt: null } })
    : [];
  const byId = new Map(assets.map((a) => [a.id, a]));
  const media: PublishMedia[] = [];
  for (const id of mediaIds) {
    const asset = byId.get(id);
    // A file deleted after scheduling must not silently turn a photo post into a text post.
    if (!asset) throw new MissingMediaError(`A media file of this post was deleted (${id}); edit the post and retry.`);
    media.push({
      url: asset.url,
      mimeType: asset.mimeType,
      kind: asset.kind,
      sizeBytes: asset.sizeBytes,
      width: asset.width,
      height: asset.height,
      durationSeconds: asset.durationSeconds,
      altText: asset.altText,
    });
  }
  return {
    text: target.variantContent ?? target.post.content,
    media,
    firstComment: target.variantFirstComment ?? target.post.firstComment,
    idempotencyKey,
  };
}

class MissingMediaError extends Error {}

/** What the claim transaction decided; only "send" and "recover" go to the network. */
type Prepared =
  | { kind: "done"; outcome: PublishOutcome }
  | { kind: "retry-later"; message: string; retryAfterMs: number }
  | { kind: "refuse"; ledgerId: string; code: string; message: string; accountProblem: boolean }
  | { kind: "send" | "recover"; claim: Claim };

interface Claim {
  ledgerId: string;
  /** `attempts` after our claim: the compare-and-set token for recording the answer. */
  attempts: number;
  request: PublishRequest;
  auth: AccountAuth;
  adapter: NetworkAdapter;
  account: { id: string; name: string; connectedAt: Date };
  postId: string;
}

const ACTIVE = new Set(["SCHEDULED", "PUBLISHING", "PUBLISHED", "PARTIAL", "FAILED"]);

/** Short transaction 1: stale check, account check, throttle, and the QUEUED→SENT claim. */
async function prepare(db: TenantDb, input: PublishTargetInput, now: Date): Promise<Prepared> {
  const { organizationId, targetId, scheduleVersion } = input;
  const done = (outcome: Omit<PublishOutcome, "targetId">): Prepared => ({ kind: "done", outcome: { targetId, ...outcome } });

  // Serializes with a concurrent reschedule/cancel of the post (either it committed first and we
  // see the new version and stand down, or our claim commits first) and with other workers.
  const post = await lockPostOfTarget(db, targetId);
  const target = post ? await loadTarget(db, targetId, scheduleVersion) : null;
  if (!post || !target) return done({ state: "CANCELLED", error: "The post or its account was removed." });

  const existing = target.ledger[0] ?? null;
  if (existing && (existing.state === "ACKNOWLEDGED" || existing.state === "VERIFIED")) return { kind: "done", outcome: fromLedger(targetId, existing) };

  if (post.scheduleVersion !== scheduleVersion) {
    if (existing?.state === "QUEUED") {
      await db.publishLedger.updateMany({ where: { id: existing.id, state: "QUEUED" }, data: { state: "CANCELLED", error: "superseded" } });
    }
    return done({ state: "CANCELLED", error: `Superseded by a newer schedule (v${post.scheduleVersion}).` });
  }
  if (!ACTIVE.has(post.status) || target.status === "CANCELLED" || target.status === "DRAFT") {
    const what = ACTIVE.has(post.status) ? `The target is ${target.status.toLowerCase()}.` : `The post is ${post.status.toLowerCase()}.`;
    return done({ state: "CANCELLED", error: what });
  }
  // Published under an earlier version: a reschedule must reset the target before it goes out again.
  if (target.status === "PUBLISHED" && (!existing || existing.state !== "SENT")) {
    return done({ state: "ACKNOWLEDGED", externalId: target.externalId, url: target.externalUrl });
  }

  let ledger = existing ?? (await ensureLedger(db, organizationId, targetId, scheduleVersion));
  if (ledger.state === "CANCELLED") return { kind: "done", outcome: fromLedger(targetId, ledger) };
  if (ledger.state === "FAILED") {
    if (!input.retryFailed) return { kind: "done", outcome: fromLedger(targetId, ledger) };
    await db.publishLedger.updateMany({
      where: { id: ledger.id, state: "FAILED" },
      data: { state: "QUEUED", error: null, errorCode: null, retryable: null, failedAt: null },
    });
    ledger = await ensureLedger(db, organizationId, targetId, scheduleVersion);
  }

  const account = target.socialAccount;
  if (account.status !== "CONNECTED") {
    if (ledger.state === "SENT") return { kind: "retry-later", message: "The account is not connected; the earlier attempt is left for the sweep.", retryAfterMs: SEND_LEASE_MS };
    return {
      kind: "refuse",
      ledgerId: ledger.id,
      code: "ACCOUNT_NOT_CONNECTED",
      message: `${account.name} on ${account.network} is disconnected: reconnect the account, then retry.`,
      accountProblem: false,
    };
  }

  let auth: AccountAuth;
  let request: PublishRequest;
  try {
    auth = await accountAuth(account);
    request = await buildRequest(db, target, ledger.idempotencyKey);
  } catch (error) {
    const missingMedia = error instanceof MissingMediaError;
    return {
      kind: "refuse",
      ledgerId: ledger.id,
      code: missingMedia ? "MEDIA_MISSING" : "CREDENTIALS_UNREADABLE",
      message: missingMedia ? error.message : `The stored credentials of ${account.name} cannot be used (${errorMessage(error)}): reconnect the account, then retry.`,
      accountProblem: !missingMedia,
    };
  }
  const adapter = adapterFor(account.network);
  const base = { request, auth, adapter, account: { id: account.id, name: account.name, connectedAt: account.connectedAt }, postId: target.postId };

  if (ledger.state === "SENT") {
    const sentAt = ledger.sentAt?.getTime() ?? 0;
    const leaseLeft = sentAt + SEND_LEASE_MS - now.getTime();
    // `error` on a SENT row: the last attempt ended without an answer and nobody is sending now.
    if (ledger.error === null && leaseLeft > 0) {
      return { kind: "retry-later", message: `Already in flight to ${account.network} (sent ${Math.round((now.getTime() - sentAt) / 1000)} s ago).`, retryAfterMs: leaseLeft };
    }
    const taken = await db.publishLedger.updateMany({
      where: { id: ledger.id, state: "SENT", attempts: ledger.attempts },
      data: { attempts: { increment: 1 }, sentAt: now, error: null, errorCode: null },
    });
    if (taken.count === 0) return { kind: "retry-later", message: "Another worker is resolving this publish.", retryAfterMs: SEND_LEASE_MS };
    return { kind: "recover", claim: { ledgerId: ledger.id, attempts: ledger.attempts + 1, ...base } };
  }

  const spacing = accountSpacingMs(account.network);
  if (spacing > 0) {
    // The row lock makes concurrent claims on one account take turns, so the spacing holds across workers.
    await db.$queryRaw`SELECT id FROM social_accounts WHERE id = ${account.id}::uuid FOR UPDATE`;
    const last = await db.publishLedger.findFirst({
      where: { id: { not: ledger.id }, sentAt: { gt: new Date(now.getTime() - spacing) }, postTarget: { socialAccountId: account.id } },
      orderBy: { sentAt: "desc" },
      select: { sentAt: true },
    });
    if (last?.sentAt) {
      return { kind: "retry-later", message: `Throttled: one publish per ${spacing} ms on ${account.name}.`, retryAfterMs: Math.max(1, last.sentAt.getTime() + spacing - now.getTime()) };
    }
  }

  const claimed = await db.publishLedger.updateMany({
    where: { id: ledger.id, state: "QUEUED" },
    data: { state: "SENT", attempts: { increment: 1 }, sentAt: now, error: null, errorCode: null, retryable: null },
  });
  if (claimed.count === 0) return { kind: "retry-later", message: "Another worker claimed this publish.", retryAfterMs: 5_000 };
  if (target.status !== "PUBLISHING") await db.postTarget.update({ where: { id: targetId }, data: { status: "PUBLISHING" } });
  // A target in flight makes the post PUBLISHING whatever it was (scheduled, or partial on a retry).
  if (post.status !== "PUBLISHING") await db.post.update({ where: { id: post.id }, data: { status: "PUBLISHING" } });
  return { kind: "send", claim: { ledgerId: ledger.id, attempts: ledger.attempts + 1, ...base } };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface FailureInput {
  organizationId: string;
  targetId: string;
  scheduleVersion: number;
  ledgerId: string;
  code: string;
  message: string;
  now: Date;
  /** The account itself is the problem (expired token…): flag it and ask for a reconnect. */
  accountProblem: boolean;
}

/** Records a definitive failure: ledger, target, post status and the alerts the user sees. */
async function recordFailure(db: TenantDb, f: FailureInput): Promise<PublishOutcome> {
  const owner = await db.postTarget.findUnique({ where: { id: f.targetId }, select: { postId: true } });
  if (owner) await lockPost(db, owner.postId);
  await db.publishLedger.updateMany({
    where: { id: f.ledgerId, state: { in: ["QUEUED", "SENT"] } },
    data: { state: "FAILED", error: f.message, errorCode: f.code, retryable: false, failedAt: f.now },
  });
  const ledger = await db.publishLedger.findUnique({ where: { id: f.ledgerId } });
  // Someone else recorded an answer first (a late acknowledgement wins over our failure).
  if (ledger && ledger.state !== "FAILED") return fromLedger(f.targetId, ledger);

  const target = await db.postTarget.update({
    where: { id: f.targetId },
    data: { status: "FAILED", lastError: f.message, lastErrorCode: f.code },
    include: { socialAccount: { select: { id: true, name: true, network: true, connectedAt: true } } },
  });
  await refreshPostStatus(db, target.postId);
  const account = target.socialAccount;
  await raiseAlert(db, {
    organizationId: f.organizationId,
    kind: "PUBLISH_FAILED",
    title: `A post to ${account.name} failed`,
    body: f.message,
    postId: target.postId,
    socialAccountId: account.id,
    dedupeKey: alertKeys.publishFailed(f.targetId, f.scheduleVersion),
  });
  if (f.accountProblem) await flagReconnect(db, f.organizationId, account, f.message);
  return { targetId: f.targetId, state: "FAILED", error: f.message, errorCode: f.code };
}

/** Marks the account NEEDS_RECONNECT and raises one reconnect alert per connection. */
export async function flagReconnect(
  db: TenantDb,
  organizationId: string,
  account: { id: string; name: string; network: string; connectedAt: Date },
  reason: string,
): Promise<void> {
  await db.socialAccount.updateMany({ where: { id: account.id, status: "CONNECTED" }, data: { status: "NEEDS_RECONNECT", lastError: reason } });
  await raiseAlert(db, {
    organizationId,
    kind: "ACCOUNT_RECONNECT",
    title: `Reconnect ${account.name}`,
    body: `${account.network} no longer accepts this connection (${reason}). Reconnect the account so scheduled posts can go out.`,
    socialAccountId: account.id,
    dedupeKey: alertKeys.accountReconnect(account.id, account.connectedAt),
  });
}

async function recordAcknowledged(organizationId: string, targetId: string, claim: Claim, result: PublishResult, now: Date): Promise<PublishOutcome> {
  return withOrg(organizationId, async (db) => {
    await lockPost(db, claim.postId);
    // Any unresolved state may take the answer: it is the truth, even after a give-up.
    const { count } = await db.publishLedger.updateMany({
      where: { id: claim.ledgerId, state: { in: ["QUEUED", "SENT", "FAILED"] } },
      data: { state: "ACKNOWLEDGED", externalId: result.externalId, externalUrl: result.url ?? null, acknowledgedAt: now, error: null, errorCode: null, retryable: null, failedAt: null },
    });
    // Someone else recorded it first (a concurrent recovery): report theirs.
    if (count === 0) return fromLedger(targetId, await db.publishLedger.findUniqueOrThrow({ where: { id: claim.ledgerId } }));
    // The post is out; a refused first comment is shown on the target and alerted, never dropped.
    const commentProblem = result.firstCommentError ? `Published, but ${claim.adapter.displayName} refused the first comment: ${result.firstCommentError}` : null;
    await db.postTarget.update({
      where: { id: targetId },
      data: { status: "PUBLISHED", externalId: result.externalId, externalUrl: result.url ?? null, publishedAt: now, lastError: commentProblem, lastErrorCode: commentProblem ? "FIRST_COMMENT_FAILED" : null },
    });
    if (commentProblem) {
      await raiseAlert(db, {
        organizationId,
        kind: "PUBLISH_FAILED",
        title: `First comment not posted on ${claim.account.name}`,
        body: `${commentProblem}. Add the comment on ${claim.adapter.displayName} by hand if you still want it.`,
        postId: claim.postId,
        dedupeKey: alertKeys.firstCommentFailed(targetId, claim.ledgerId),
      });
    }
    await refreshPostStatus(db, claim.postId);
    return { targetId, state: "ACKNOWLEDGED", externalId: result.externalId, url: result.url ?? null, sent: true };
  });
}

/** The network's answer was an error: classify it (definitive, retry later, or unknown outcome). */
async function handleSendError(input: PublishTargetInput, claim: Claim, error: unknown, now: Date): Promise<PublishOutcome> {
  const { organizationId, targetId, scheduleVersion } = input;
  const network = isNetworkError(error) ? error : null;

  if (network && !network.retryable) {
    return withOrg(organizationId, (db) =>
      recordFailure(db, {
        organizationId,
        targetId,
        scheduleVersion,
        ledgerId: claim.ledgerId,
        code: network.code,
        message: network.message,
        now,
        accountProblem: network.code === "AUTH_EXPIRED",
      }),
    );
  }

  const message = errorMessage(error);
  const code = network?.code ?? "UNKNOWN";
  if (network && network.status !== undefined) {
    // The network answered (429/5xx): nothing was created, the row goes back to the queue.
    await withOrg(organizationId, async (db) => {
      await lockPost(db, claim.postId);
      await db.publishLedger.updateMany({
        where: { id: claim.ledgerId, state: "SENT", attempts: claim.attempts },
        data: { state: "QUEUED", error: message, errorCode: code, retryable: true },
      });
      await db.postTarget.update({ where: { id: targetId }, data: { lastError: message, lastErrorCode: code } });
    });
    if (network.retryAfterSeconds !== undefined) {
      throw new RetryAfterError(`${network.network} asked to retry later: ${message}`, Math.max(1, network.retryAfterSeconds) * 1000, { cause: error });
    }
    throw new PublishRetryableError(`${network.network} answered ${network.status}: ${message}`, { cause: error });
  }

  // No answer (timeout, reset, unexpected error): the post may exist. Stay SENT so the retry
  // goes through recovery; the error marks the attempt as over, so recovery need not wait out the lease.
  await withOrg(organizationId, (db) =>
    db.publishLedger.updateMany({
      where: { id: claim.ledgerId, state: "SENT", attempts: claim.attempts },
      data: { error: message, errorCode: code, retryable: true },
    }),
  );
  throw new PublishRetryableError(`No answer from ${claim.adapter.network}; outcome unknown, will check before retrying: ${message}`, { cause: error });
}

async function send(input: PublishTargetInput, claim: Claim, now: Date): Promise<PublishOutcome> {
  let result: PublishResult;
  try {
    result = await claim.adapter.publish(claim.auth, claim.request);
  } catch (error) {
    return handleSendError(input, claim, error, now);
  }
  return recordAcknowledged(input.organizationId, input.targetId, claim, result, now);
}

/** A SENT row with no recorded answer: find out whether the post exists before sending again. */
async function recover(input: PublishTargetInput, claim: Claim, now: Date): Promise<PublishOutcome> {
  const { adapter } = claim;
  // The network dedupes on the key: resending returns the existing post.
  if (adapter.supportsIdempotency) return send(input, claim, now);

  let found: PublishResult | null | undefined;
  try {
    found = adapter.findPublished ? await adapter.findPublished(claim.auth, claim.request) : undefined;
  } catch (error) {
    if (isNetworkError(error) && !error.retryable && error.code !== "NOT_FOUND") return handleSendError(input, claim, error, now);
    // Could not look: keep the row SENT and marked, the next retry looks again.
    await withOrg(input.organizationId, (db) =>
      db.publishLedger.updateMany({
        where: { id: claim.ledgerId, state: "SENT", attempts: claim.attempts },
        data: { error: errorMessage(error), errorCode: isNetworkError(error) ? error.code : "UNKNOWN", retryable: true },
      }),
    );
    throw new PublishRetryableError(`Could not check ${adapter.displayName} for an earlier publish: ${errorMessage(error)}`, { cause: error });
  }
  if (found) return recordAcknowledged(input.organizationId, input.targetId, claim, found, now);
  if (found === null) return send(input, claim, now);

  return withOrg(input.organizationId, (db) =>
    recordFailure(db, {
      organizationId: input.organizationId,
      targetId: input.targetId,
      scheduleVersion: input.scheduleVersion,
      ledgerId: claim.ledgerId,
      code: "OUTCOME_UNKNOWN",
      message: `Outcome unknown — check ${adapter.displayName} before retrying: the post was sent but no answer was recorded, and ${adapter.displayName} cannot be asked whether it exists.`,
      now,
      accountProblem: false,
    }),
  );
}

/**
 * Publishes one target exactly once for one schedule version. Safe to call any number of times,
 * from any number of workers: the ledger row is claimed (QUEUED→SENT) in its own short
 * transaction before the network is called, and no transaction is held across the call.
 *
 * Returns the outcome for final states; throws (RetryAfterError / PublishRetryableError) when
 * the caller should try again later — Inngest step retries, or the sweep.
 */
export async function publishTarget(input: PublishTargetInput): Promise<PublishOutcome> {
  const now = input.now ?? new Date();
  const prepared = await withOrg(input.organizationId, (db) => prepare(db, input, now));
  switch (prepared.kind) {
    case "done":
      return prepared.outcome;
    case "retry-later":
      throw new RetryAfterError(prepared.message, prepared.retryAfterMs);
    case "refuse":
      return withOrg(input.organizationId, (db) =>
        recordFailure(db, { ...input, ledgerId: prepared.ledgerId, code: prepared.code, message: prepared.message, now, accountProblem: prepared.accountProblem }),
      );
    case "send":
      return send(input, prepared.claim, now);
    case "recover":
      return recover(input, prepared.claim, now);
  }
}

export interface AbandonInput {
  organizationId: string;
  targetId: string;
  scheduleVersion: number;
  /** The last error, shown to the user. */
  reason: string;
  now?: Date;
}

/**
 * The engine ran out of retries: the target must not stay "publishing" silently. A row that was
 * never sent fails with the last error; one that was sent without an answer fails as "outcome
 * unknown" (retrying blindly could post twice).
 */
export async function abandonTarget(input: AbandonInput): Promise<PublishOutcome> {
  const now = input.now ?? new Date();
  return withOrg(input.organizationId, async (db) => {
    const target = await db.postTarget.findUnique({ where: { id: input.targetId }, select: { postId: true, socialAccount: { select: { network: true } } } });
    if (!target) return { targetId: input.targetId, state: "CANCELLED", error: "The post or its account was removed." };
    await lockPost(db, target.postId);
    const ledger = await ensureLedger(db, input.organizationId, input.targetId, input.scheduleVersion);
    if (ledger.state !== "QUEUED" && ledger.state !== "SENT") return fromLedger(input.targetId, ledger);
    const network = target.socialAccount.network;
    const unknown = ledger.state === "SENT";
    return recordFailure(db, {
      organizationId: input.organizationId,
      targetId: input.targetId,
      scheduleVersion: input.scheduleVersion,
      ledgerId: ledger.id,
      code: unknown ? "OUTCOME_UNKNOWN" : (ledger.errorCode ?? "GAVE_UP"),
      message: unknown
        ? `Outcome unknown — check ${network} before retrying (last error: ${input.reason}).`
        : `Gave up after ${ledger.attempts} attempt(s): ${input.reason}`,
      now,
      accountProblem: false,
    });
  });
}
