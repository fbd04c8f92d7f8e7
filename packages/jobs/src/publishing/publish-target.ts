import { tiktokChoice } from "@mg/integrations/types";
import { withOrg, type MediaKind, type TenantDb } from "@mg/db";
import {
  isNetworkError,
  type AccountAuth,
  type NetworkAdapter,
  type NetworkError,
  type PublishedLookup,
  type PublishMedia,
  type PublishRequest,
  type PublishResult,
} from "@mg/integrations/types";
import { RetryAfterError } from "inngest";
import { alertKeys, raiseAlert } from "./alerts";
import { accountSpacingMs, LOOKUP_RETRY_MS, PUBLISH_CLOCK_SKEW_MS, SEND_LEASE_MS, TOKEN_REFRESH_AHEAD_MS } from "./config";
import { accountAuth, adapterFor } from "./network";
import { lockPost, refreshPostStatus } from "./post-status";
import { flagReconnect } from "./reconnect";
import { ensureFreshToken, expiresWithin } from "./tokens";

export { flagReconnect } from "./reconnect";

/** Where one target ended up after a publish attempt (step output: JSON only). */
export interface PublishOutcome {
  targetId: string;
  /**
   * OUTCOME_UNKNOWN: sent, and neither the network's answer nor its lookups (past the lag window)
   * prove whether the post exists — the user decides. PENDING: sent without an answer and still
   * inside the lag window; left for the sweep to look again.
   */
  state: "ACKNOWLEDGED" | "VERIFIED" | "FAILED" | "CANCELLED" | "OUTCOME_UNKNOWN" | "PENDING";
  externalId?: string | null;
  url?: string | null;
  /** The network's own message (FAILED), why the outcome is unknown, or why the run stood down (CANCELLED). */
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
  /** The clock for leases, lag windows, throttling and timestamps (tests pin it). */
  now?: Date;
  /** One-click retry: a FAILED ledger row of this version is queued again. */
  retryFailed?: boolean;
}

export const idempotencyKeyFor = (targetId: string, scheduleVersion: number) => `${targetId}:v${scheduleVersion}`;

/** The network call failed in a way worth retrying; thrown so the job engine's step retries it. */
export class PublishRetryableError extends Error {
  override name = "PublishRetryableError";
}

/** Ledger codes of a SENT row whose attempt is over without proof either way (the next call looks it up). */
export const LEDGER_CODES = {
  /** The network refused the text as a duplicate: an earlier attempt of ours may be the post. */
  duplicate: "DUPLICATE_CONTENT",
  /** Looked, not visible yet, still inside the network's lag window. */
  notVisibleYet: "NOT_VISIBLE_YET",
  /** The lookup itself failed; looked again later. */
  lookupFailed: "LOOKUP_FAILED",
} as const;

type LedgerRow = Awaited<ReturnType<typeof loadLedger>>;

function loadLedger(db: TenantDb, targetId: string, scheduleVersion: number) {
  return db.publishLedger.findUnique({ where: { postTargetId_scheduleVersion: { postTargetId: targetId, scheduleVersion } } });
}

async function ensureLedger(db: TenantDb, organizationId: string, targetId: string, scheduleVersion: number, now: Date) {
  // ON CONFLICT DO NOTHING: a failed INSERT would abort the whole transaction. queuedAt on the
  // caller's clock: lookups reach back to it, so it must agree with the attempts' sentAt.
  const [created] = await db.publishLedger.createManyAndReturn({
    data: [{ organizationId, postTargetId: targetId, scheduleVersion, idempotencyKey: idempotencyKeyFor(targetId, scheduleVersion), queuedAt: now }],
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

export function fromLedger(targetId: string, ledger: NonNullable<LedgerRow>): PublishOutcome {
  if (ledger.state === "ACKNOWLEDGED" || ledger.state === "VERIFIED") {
    return { targetId, state: ledger.state, externalId: ledger.externalId, url: ledger.externalUrl };
  }
  if (ledger.state === "CANCELLED") return { targetId, state: "CANCELLED", error: ledger.error ?? "cancelled" };
  if (ledger.state === "OUTCOME_UNKNOWN") return { targetId, state: "OUTCOME_UNKNOWN", error: ledger.error ?? "outcome unknown", errorCode: ledger.errorCode ?? undefined };
  if (ledger.state === "SENT" || ledger.state === "QUEUED") return { targetId, state: "PENDING", error: ledger.error ?? undefined, errorCode: ledger.errorCode ?? undefined };
  return { targetId, state: "FAILED", error: ledger.error ?? "failed", errorCode: ledger.errorCode ?? undefined };
}

/** What a publish request is made of: the target's variant over its post's base content. */
export interface RequestSource {
  network: string;
  useBaseMedia: boolean;
  variantMediaIds: readonly string[];
  variantContent: string | null;
  variantFirstComment: string | null;
  tiktokPrivacyLevel: string | null;
  post: { content: string; mediaIds: readonly string[]; firstComment: string | null };
}

export interface MediaRow {
  id: string;
  url: string;
  mimeType: string;
  kind: MediaKind;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  altText: string | null;
}

/** The media ids a target publishes (its own, or its post's). */
export function mediaIdsOf(target: RequestSource): readonly string[] {
  return target.useBaseMedia ? target.post.mediaIds : target.variantMediaIds;
}

/** The request for one target, from its media rows (not deleted) by id; throws MissingMediaError. */
export function requestFor(target: RequestSource, assetsById: ReadonlyMap<string, MediaRow>, idempotencyKey: string): PublishRequest {
  const media: PublishMedia[] = [];
  for (const id of mediaIdsOf(target)) {
    const asset = assetsById.get(id);
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
    tiktok: target.network === "TIKTOK" ? tiktokChoice(target.tiktokPrivacyLevel) : null,
  };
}

async function buildRequest(db: TenantDb, target: LoadedTarget, idempotencyKey: string): Promise<PublishRequest> {
  const mediaIds = mediaIdsOf(target);
  const assets = mediaIds.length ? await db.mediaAsset.findMany({ where: { id: { in: [...mediaIds] }, deletedAt: null } }) : [];
  return requestFor(target, new Map(assets.map((a) => [a.id, a])), idempotencyKey);
}

export class MissingMediaError extends Error {}

/** What the claim transaction decided; only "send" and "recover" go to the network. */
type Prepared =
  | { kind: "done"; outcome: PublishOutcome }
  | { kind: "retry-later"; message: string; retryAfterMs: number }
  | { kind: "refuse"; ledgerId: string; code: string; message: string; accountProblem: boolean }
  /** The account's token expires within minutes: renew it (outside this transaction), then prepare again. */
  | { kind: "refresh-token"; socialAccountId: string }
  /** A SENT row whose account cannot be used: nobody can look, so only the lag window is left to wait out. */
  | { kind: "unreachable"; doubt: Doubt; reason: string }
  | { kind: "send" | "recover"; claim: Claim };

export interface ClaimAccount {
  id: string;
  name: string;
  network: string;
  connectedAt: Date;
  /** The token this claim acts with (encrypted as stored): a 401 names it when asking for a refresh. */
  accessTokenEnc: string | null;
}

/** A SENT row whose attempt may or may not have made the post: enough to wait or to give up on it. */
export interface Doubt {
  ledgerId: string;
  /** `attempts` as this claim found or made it: the compare-and-set token for every later write. */
  attempts: number;
  /** When the attempt in doubt (or the one being made) left: the lag window runs from here. */
  sentAt: Date;
  adapter: Pick<NetworkAdapter, "displayName" | "lookupLagMs">;
  account: Pick<ClaimAccount, "id" | "name">;
  postId: string;
}

export interface Claim extends Doubt {
  /**
   * When this row's chain of attempts began (the ledger's queuedAt): any post one of them made
   * was created after it. The lookup reaches back to it, not just to the latest attempt, because
   * a duplicate refusal means an earlier attempt may be the post.
   */
  chainStartedAt: Date;
  /** What the previous attempt left on the row (a duplicate refusal stays one across lookups). */
  lastErrorCode: string | null;
  request: PublishRequest;
  auth: AccountAuth;
  adapter: NetworkAdapter;
  account: ClaimAccount;
  /** This claim already renewed the token after a 401: a second 401 is final. */
  authRetried?: boolean;
}

const ACTIVE = new Set(["SCHEDULED", "PUBLISHING", "PUBLISHED", "PARTIAL", "FAILED", "OUTCOME_UNKNOWN"]);

interface PrepareOptions {
  /** The token was just checked (or renewed): do not ask for a refresh again. */
  tokenChecked?: boolean;
}

/** Short transaction 1: stale check, account check, throttle, and the QUEUED→SENT claim. */
async function prepare(db: TenantDb, input: PublishTargetInput, now: Date, options: PrepareOptions = {}): Promise<Prepared> {
  const { organizationId, targetId, scheduleVersion } = input;
  const done = (outcome: Omit<PublishOutcome, "targetId">): Prepared => ({ kind: "done", outcome: { targetId, ...outcome } });

  // Serializes with a concurrent reschedule/cancel of the post (either it committed first and we
  // see the new version and stand down, or our claim commits first) and with other workers.
  const post = await lockPostOfTarget(db, targetId);
  const target = post ? await loadTarget(db, targetId, scheduleVersion) : null;
  if (!post || !target) return done({ state: "CANCELLED", error: "The post or its account was removed." });

  const existing = target.ledger[0] ?? null;
  if (existing && (existing.state === "ACKNOWLEDGED" || existing.state === "VERIFIED" || existing.state === "OUTCOME_UNKNOWN")) {
    return { kind: "done", outcome: fromLedger(targetId, existing) };
  }

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

  let ledger = existing ?? (await ensureLedger(db, organizationId, targetId, scheduleVersion, now));
  if (ledger.state === "CANCELLED") return { kind: "done", outcome: fromLedger(targetId, ledger) };
  if (ledger.state === "FAILED") {
    if (!input.retryFailed) return { kind: "done", outcome: fromLedger(targetId, ledger) };
    // Every earlier attempt of a FAILED row was refused: nothing of them can be live, so the chain starts again.
    await db.publishLedger.updateMany({
      where: { id: ledger.id, state: "FAILED" },
      data: { state: "QUEUED", error: null, errorCode: null, retryable: null, failedAt: null, queuedAt: now },
    });
    ledger = await ensureLedger(db, organizationId, targetId, scheduleVersion, now);
  }

  const account = target.socialAccount;
  const claimAccount: ClaimAccount = { id: account.id, name: account.name, network: account.network, connectedAt: account.connectedAt, accessTokenEnc: account.accessTokenEnc };
  const inDoubt = ledger.state === "SENT";
  const doubtful = {
    ledgerId: ledger.id,
    attempts: ledger.attempts,
    sentAt: ledger.sentAt ?? ledger.queuedAt,
    chainStartedAt: ledger.queuedAt,
    lastErrorCode: ledger.errorCode,
    account: claimAccount,
    postId: target.postId,
  };

  if (inDoubt) {
    const sentAt = ledger.sentAt?.getTime() ?? 0;
    const leaseLeft = sentAt + SEND_LEASE_MS - now.getTime();
    // `error` on a SENT row: the last attempt ended without an answer and nobody is sending now.
    if (ledger.error === null && leaseLeft > 0) {
      return { kind: "retry-later", message: `Already in flight to ${account.network} (sent ${Math.round((now.getTime() - sentAt) / 1000)} s ago).`, retryAfterMs: leaseLeft };
    }
  }

  if (account.status !== "CONNECTED") {
    if (inDoubt) {
      const lag = lagOf(account.network);
      return { kind: "unreachable", doubt: { ...doubtful, adapter: lag }, reason: `${account.name} is disconnected, so ${lag.displayName} cannot be asked whether the post exists` };
    }
    const why = account.lastError ? ` (${account.lastError})` : "";
    return {
      kind: "refuse",
      ledgerId: ledger.id,
      code: "ACCOUNT_NOT_CONNECTED",
      message: `${account.name} on ${account.network} is disconnected${why}: reconnect the account, then retry.`,
      accountProblem: false,
    };
  }

  if (!options.tokenChecked && expiresWithin(account.tokenExpiresAt, now, TOKEN_REFRESH_AHEAD_MS)) {
    return { kind: "refresh-token", socialAccountId: account.id };
  }

  const adapter = adapterFor(account.network);
  let auth: AccountAuth;
  let request: PublishRequest;
  try {
    auth = await accountAuth(account);
    request = await buildRequest(db, target, ledger.idempotencyKey);
  } catch (error) {
    const missingMedia = error instanceof MissingMediaError;
    if (inDoubt) return { kind: "unreachable", doubt: { ...doubtful, adapter }, reason: missingMedia ? error.message : `the stored credentials of ${account.name} cannot be used (${errorMessage(error)})` };
    return {
      kind: "refuse",
      ledgerId: ledger.id,
      code: missingMedia ? "MEDIA_MISSING" : "CREDENTIALS_UNREADABLE",
      message: missingMedia ? error.message : `The stored credentials of ${account.name} cannot be used (${errorMessage(error)}): reconnect the account, then retry.`,
      accountProblem: !missingMedia,
    };
  }

  // Looking up is not sending: no claim, no throttle. Whatever the lookup decides is written with
  // a compare-and-set on `attempts`, and a resend claims the row first.
  if (inDoubt) return { kind: "recover", claim: { ...doubtful, adapter, auth, request } };

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
  return { kind: "send", claim: { ...doubtful, adapter, attempts: ledger.attempts + 1, sentAt: now, auth, request } };
}

/** The network's name and lag window, even when it is no longer configured (then no extra wait). */
function lagOf(network: Parameters<typeof adapterFor>[0]): Doubt["adapter"] {
  try {
    return adapterFor(network);
  } catch {
    return { displayName: network, lookupLagMs: 0 };
  }
}

export function errorMessage(error: unknown): string {
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

async function recordAcknowledged(
  organizationId: string,
  targetId: string,
  claim: Pick<Claim, "ledgerId" | "postId" | "adapter" | "account">,
  result: PublishResult,
  now: Date,
  how: { sent: boolean },
): Promise<PublishOutcome> {
  return withOrg(organizationId, async (db) => {
    await lockPost(db, claim.postId);
    // Any unresolved state may take the answer: it is the truth, even after a give-up.
    const { count } = await db.publishLedger.updateMany({
      where: { id: claim.ledgerId, state: { in: ["QUEUED", "SENT", "FAILED", "OUTCOME_UNKNOWN"] } },
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
    return { targetId, state: "ACKNOWLEDGED", externalId: result.externalId, url: result.url ?? null, sent: how.sent };
  });
}

/**
 * Whether the network answered in a way that shows it did not act on the request. No status
 * (timeout, reset), a success we could not read, or a gateway error (502/504: the network's own
 * server may still have made the post) leave the outcome open.
 */
function leftOpen(error: NetworkError): boolean {
  const status = error.status;
  return status === undefined || (status >= 200 && status < 300) || status === 502 || status === 504;
}

/** Keeps the row SENT and marks the attempt over, so the next call looks before anything is sent again. */
async function markInDoubt(organizationId: string, claim: Pick<Claim, "ledgerId" | "attempts">, code: string, message: string): Promise<boolean> {
  const { count } = await withOrg(organizationId, (db) =>
    db.publishLedger.updateMany({
      where: { id: claim.ledgerId, state: "SENT", attempts: claim.attempts },
      data: { error: message, errorCode: code, retryable: true },
    }),
  );
  return count > 0;
}

/**
 * A compare-and-set lost to another worker: report the row's final state if it has one, else
 * come back later (that worker is still on it).
 */
async function settledElsewhere(input: PublishTargetInput, ledgerId: string): Promise<PublishOutcome> {
  const row = await withOrg(input.organizationId, (db) => db.publishLedger.findUniqueOrThrow({ where: { id: ledgerId } }));
  const outcome = fromLedger(input.targetId, row);
  if (outcome.state === "PENDING") throw new RetryAfterError("Another worker is resolving this publish.", 5_000);
  return outcome;
}

/** The network answered before writing anything (429, 401, 5xx): the row goes back to the queue. */
export async function requeue(input: PublishTargetInput, claim: Claim, code: string, message: string): Promise<void> {
  await withOrg(input.organizationId, async (db) => {
    await lockPost(db, claim.postId);
    await db.publishLedger.updateMany({
      where: { id: claim.ledgerId, state: "SENT", attempts: claim.attempts },
      data: { state: "QUEUED", error: message, errorCode: code, retryable: true },
    });
    await db.postTarget.update({ where: { id: input.targetId }, data: { lastError: message, lastErrorCode: code } });
  });
}

/**
 * The network's answer was an error: classify it (definitive, retry later, look it up, or renew
 * the token). Exported for the batched due path, whose claims fail one by one the same way.
 */
export async function handleSendError(input: PublishTargetInput, claim: Claim, error: unknown, now: Date): Promise<PublishOutcome> {
  const { organizationId, targetId, scheduleVersion } = input;
  const network = isNetworkError(error) ? error : null;

  if (network?.code === "DUPLICATE_CONTENT") {
    // Refused as a copy of a recent post: that post may be an earlier attempt of ours whose answer was lost.
    const marked = await markInDoubt(organizationId, claim, LEDGER_CODES.duplicate, `${claim.adapter.displayName} refused it as a duplicate of a recent post: ${network.message}`);
    if (!marked) return settledElsewhere(input, claim.ledgerId);
    return lookUpAndDecide(input, { ...claim, lastErrorCode: LEDGER_CODES.duplicate }, now);
  }
  if (network?.code === "AUTH_EXPIRED" && !claim.authRetried) return renewAndResend(input, claim, network, now);

  if (network && !network.retryable && !leftOpen(network)) {
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
  if (network && !leftOpen(network)) {
    // The network answered (429/5xx): nothing was created, the row goes back to the queue.
    await requeue(input, claim, code, message);
    if (network.retryAfterSeconds !== undefined) {
      throw new RetryAfterError(`${network.network} asked to retry later: ${message}`, Math.max(1, network.retryAfterSeconds) * 1000, { cause: error });
    }
    throw new PublishRetryableError(`${network.network} answered ${network.status}: ${message}`, { cause: error });
  }

  // No answer (timeout, reset, unexpected error): the post may exist. Stay SENT so the retry
  // goes through recovery; the error marks the attempt as over, so recovery need not wait out the lease.
  await markInDoubt(organizationId, claim, code, message);
  throw new PublishRetryableError(`No answer from ${claim.adapter.network}; outcome unknown, will check before retrying: ${message}`, { cause: error });
}

async function send(input: PublishTargetInput, claim: Claim, now: Date): Promise<PublishOutcome> {
  let result: PublishResult;
  try {
    result = await claim.adapter.publish(claim.auth, claim.request);
  } catch (error) {
    return handleSendError(input, claim, error, now);
  }
  return recordAcknowledged(input.organizationId, input.targetId, claim, result, now, { sent: true });
}

/** Claims a SENT row for one more send (compare-and-set on `attempts`): null when another worker moved it first. */
async function reclaim(input: PublishTargetInput, claim: Claim, now: Date): Promise<Claim | null> {
  const { count } = await withOrg(input.organizationId, (db) =>
    db.publishLedger.updateMany({
      where: { id: claim.ledgerId, state: "SENT", attempts: claim.attempts },
      data: { attempts: { increment: 1 }, sentAt: now, error: null, errorCode: null, retryable: null },
    }),
  );
  return count > 0 ? { ...claim, attempts: claim.attempts + 1, sentAt: now } : null;
}

/** The credentials of the account as stored now (after a refresh by us or by another worker). */
async function reloadAccount(organizationId: string, socialAccountId: string): Promise<{ auth: AccountAuth; accessTokenEnc: string | null } | null> {
  const account = await withOrg(organizationId, (db) => db.socialAccount.findUnique({ where: { id: socialAccountId } }));
  if (!account || account.status !== "CONNECTED") return null;
  return { auth: await accountAuth(account), accessTokenEnc: account.accessTokenEnc };
}

/**
 * A 401 on publish: the token died between scheduling and publishing. A 401 is answered before
 * anything is written, so after one refresh (serialized per account) the post is sent once more;
 * a second 401, or a token that cannot be renewed, fails the target and asks for a reconnect.
 */
async function renewAndResend(input: PublishTargetInput, claim: Claim, rejection: NetworkError, now: Date): Promise<PublishOutcome> {
  let renewed: Awaited<ReturnType<typeof ensureFreshToken>>;
  try {
    renewed = await ensureFreshToken({ organizationId: input.organizationId, socialAccountId: claim.account.id, now, rejectedAccessTokenEnc: claim.account.accessTokenEnc });
  } catch (error) {
    await requeue(input, claim, "AUTH_EXPIRED", rejection.message);
    throw new PublishRetryableError(`${claim.adapter.displayName} refused the token and renewing it failed for now: ${errorMessage(error)}`, { cause: error });
  }
  const fresh = renewed.status === "impossible" ? null : await reloadAccount(input.organizationId, claim.account.id);
  if (!fresh) {
    const reason = renewed.status === "impossible" ? renewed.reason : "the account was disconnected meanwhile";
    return withOrg(input.organizationId, (db) =>
      recordFailure(db, {
        organizationId: input.organizationId,
        targetId: input.targetId,
        scheduleVersion: input.scheduleVersion,
        ledgerId: claim.ledgerId,
        code: "AUTH_EXPIRED",
        message: `${rejection.message} The connection could not be renewed (${reason}): reconnect the account, then retry.`,
        now,
        accountProblem: true,
      }),
    );
  }
  const again = await reclaim(input, claim, now);
  if (!again) return settledElsewhere(input, claim.ledgerId);
  return send(input, { ...again, auth: fresh.auth, account: { ...claim.account, accessTokenEnc: fresh.accessTokenEnc }, authRetried: true }, now);
}

/** The end of the network's lag window for the attempt in doubt: before it, "not visible" proves nothing. */
export function lagWindowEndsAt(sentAt: Date, adapter: Pick<NetworkAdapter, "lookupLagMs">): Date {
  return new Date(sentAt.getTime() + Math.max(0, adapter.lookupLagMs) + PUBLISH_CLOCK_SKEW_MS);
}

type Lookup = PublishedLookup | { kind: "error"; error: unknown; retryable: boolean };

/** findPublished, with one token renewal on a 401; errors are answered, never thrown. */
async function lookUp(input: PublishTargetInput, claim: Claim, now: Date): Promise<{ lookup: Lookup; claim: Claim }> {
  const query = { createdAfter: new Date(claim.chainStartedAt.getTime() - PUBLISH_CLOCK_SKEW_MS) };
  try {
    return { lookup: await claim.adapter.findPublished(claim.auth, claim.request, query), claim };
  } catch (error) {
    if (isNetworkError(error) && error.code === "AUTH_EXPIRED" && !claim.authRetried) {
      try {
        const renewed = await ensureFreshToken({ organizationId: input.organizationId, socialAccountId: claim.account.id, now, rejectedAccessTokenEnc: claim.account.accessTokenEnc });
        const fresh = renewed.status === "impossible" ? null : await reloadAccount(input.organizationId, claim.account.id);
        if (fresh) {
          const renewedClaim = { ...claim, auth: fresh.auth, account: { ...claim.account, accessTokenEnc: fresh.accessTokenEnc }, authRetried: true };
          return lookUp(input, renewedClaim, now);
        }
      } catch (refreshError) {
        return { lookup: { kind: "error", error: refreshError, retryable: true }, claim };
      }
    }
    return { lookup: { kind: "error", error, retryable: isNetworkError(error) ? error.retryable : true }, claim };
  }
}

/** A post id another ledger row already owns (another target, an earlier version): not this attempt's post. */
async function ownedElsewhere(organizationId: string, claim: Claim, externalId: string): Promise<boolean> {
  const owners = await withOrg(organizationId, (db) =>
    db.publishLedger.count({ where: { externalId, id: { not: claim.ledgerId }, postTarget: { socialAccountId: claim.account.id } } }),
  );
  return owners > 0;
}

/**
 * A SENT row with no answer (or refused as a duplicate): find out whether the post exists before
 * anything is sent again. Found → acknowledged with that id. Certainly absent → sent again. Not
 * visible → wait while inside the network's lag window, past it the outcome is unknown and the
 * user decides; a network that cannot be asked at all → the user decides at once. Never a blind
 * resend, never FAILED.
 */
async function lookUpAndDecide(input: PublishTargetInput, initial: Claim, now: Date): Promise<PublishOutcome> {
  const { lookup, claim } = await lookUp(input, initial, now);
  const name = claim.adapter.displayName;
  const afterDuplicate = claim.lastErrorCode === LEDGER_CODES.duplicate;
  switch (lookup.kind) {
    case "found":
      if (!(await ownedElsewhere(input.organizationId, claim, lookup.result.externalId))) {
        return recordAcknowledged(input.organizationId, input.targetId, claim, lookup.result, now, { sent: false });
      }
      return waitOrGiveUp(input, claim, now, { code: LEDGER_CODES.notVisibleYet, why: `the only matching post on ${name} belongs to another post of this account` });
    case "absent": {
      if (afterDuplicate) {
        // The network refused a duplicate and yet has nothing of ours: the duplicate is another post.
        return waitOrGiveUp(input, claim, now, { code: LEDGER_CODES.duplicate, why: `${name} refused it as a duplicate of another recent post with the same text` });
      }
      const again = await reclaim(input, claim, now);
      if (!again) return settledElsewhere(input, claim.ledgerId);
      return send(input, again, now);
    }
    case "not-visible":
      return waitOrGiveUp(input, claim, now, {
        code: afterDuplicate ? LEDGER_CODES.duplicate : LEDGER_CODES.notVisibleYet,
        why: afterDuplicate ? `${name} refused it as a duplicate of a recent post, and no post from this attempt is visible there` : `${name} did not answer, and the post does not show on ${name}`,
      });
    case "unsupported":
      // Waiting cannot bring proof when the network cannot be asked at all (a private TikTok post,
      // a member's LinkedIn post): the user is asked at once instead of hours later.
      return recordOutcomeUnknown(input, claim, now, { code: "LOOKUP_UNSUPPORTED", why: `${name} did not answer and cannot be asked whether the post exists (${lookup.reason})` });
    case "error": {
      const why = `${name} could not be asked whether the post exists (${errorMessage(lookup.error)})`;
      const giveUpAt = lagWindowEndsAt(claim.sentAt, claim.adapter).getTime() + (lookup.retryable ? LOOKUP_RETRY_MS : 0);
      if (now.getTime() < giveUpAt) {
        if (!(await markInDoubt(input.organizationId, claim, afterDuplicate ? LEDGER_CODES.duplicate : LEDGER_CODES.lookupFailed, why))) return settledElsewhere(input, claim.ledgerId);
        throw new PublishRetryableError(`Could not check ${name} for an earlier publish: ${errorMessage(lookup.error)}`, { cause: lookup.error });
      }
      return recordOutcomeUnknown(input, claim, now, { code: LEDGER_CODES.lookupFailed, why });
    }
  }
}

/** Inside the lag window: keep the row SENT and look again when it closes. Past it: OUTCOME_UNKNOWN. */
async function waitOrGiveUp(input: PublishTargetInput, claim: Doubt, now: Date, reason: { code: string; why: string }): Promise<PublishOutcome> {
  const closes = lagWindowEndsAt(claim.sentAt, claim.adapter);
  const left = closes.getTime() - now.getTime();
  if (left > 0) {
    const marked = await markInDoubt(input.organizationId, claim, reason.code, `${reason.why} yet; new posts can take a while to show on ${claim.adapter.displayName}, so we look again before deciding.`);
    if (!marked) return settledElsewhere(input, claim.ledgerId);
    // One more look right after the window closes (the sweep also looks every minute meanwhile).
    throw new RetryAfterError(`Waiting for ${claim.adapter.displayName} to show the post: ${reason.why}.`, left + 1_000);
  }
  return recordOutcomeUnknown(input, claim, now, reason);
}

/**
 * Past the lag window without proof either way: never a blind resend, never FAILED. The target
 * says so in the customer's words, the organization is alerted, and the user decides (it is live
 * / send it again).
 */
async function recordOutcomeUnknown(
  input: PublishTargetInput,
  claim: Doubt,
  now: Date,
  reason: { code: string; why: string },
): Promise<PublishOutcome> {
  const name = claim.adapter.displayName;
  const message = `We couldn't confirm this went out on ${name}: ${reason.why}. Check ${claim.account.name} on ${name}, then tell us whether it is live or should be sent again.`;
  return withOrg(input.organizationId, async (db) => {
    await lockPost(db, claim.postId);
    const { count } = await db.publishLedger.updateMany({
      where: { id: claim.ledgerId, state: "SENT", attempts: claim.attempts },
      data: { state: "OUTCOME_UNKNOWN", outcomeUnknownAt: now, error: reason.why, errorCode: reason.code, retryable: false },
    });
    if (count === 0) return fromLedger(input.targetId, await db.publishLedger.findUniqueOrThrow({ where: { id: claim.ledgerId } }));
    await db.postTarget.update({ where: { id: input.targetId }, data: { status: "OUTCOME_UNKNOWN", lastError: message, lastErrorCode: "OUTCOME_UNKNOWN" } });
    await refreshPostStatus(db, claim.postId);
    await raiseAlert(db, {
      organizationId: input.organizationId,
      kind: "PUBLISH_UNCONFIRMED",
      title: `We couldn't confirm a post went out on ${name}`,
      body: message,
      postId: claim.postId,
      socialAccountId: claim.account.id,
      dedupeKey: alertKeys.outcomeUnknown(input.targetId, input.scheduleVersion, claim.attempts),
    });
    return { targetId: input.targetId, state: "OUTCOME_UNKNOWN", error: message, errorCode: reason.code };
  });
}

/** A SENT row whose answer is missing, found again by a later call. */
async function recover(input: PublishTargetInput, claim: Claim, now: Date): Promise<PublishOutcome> {
  // The network dedupes on the key: resending returns the existing post (after a claim, so only
  // one worker resends). A duplicate refusal is looked up instead: resending would be refused again.
  if (claim.adapter.supportsIdempotency && claim.lastErrorCode !== LEDGER_CODES.duplicate) {
    const again = await reclaim(input, claim, now);
    if (!again) return settledElsewhere(input, claim.ledgerId);
    return send(input, again, now);
  }
  return lookUpAndDecide(input, claim, now);
}

/**
 * Publishes one target exactly once for one schedule version. Safe to call any number of times,
 * from any number of workers: the ledger row is claimed (QUEUED→SENT) in its own short
 * transaction before the network is called, and no transaction is held across the call (the
 * token lock excepted, see tokens.ts).
 *
 * Returns the outcome for final states; throws (RetryAfterError / PublishRetryableError) when
 * the caller should try again later — Inngest step retries, or the sweep.
 */
export async function publishTarget(input: PublishTargetInput): Promise<PublishOutcome> {
  const now = input.now ?? new Date();
  let prepared = await withOrg(input.organizationId, (db) => prepare(db, input, now));
  if (prepared.kind === "refresh-token") {
    try {
      await ensureFreshToken({ organizationId: input.organizationId, socialAccountId: prepared.socialAccountId, now });
    } catch (error) {
      throw new PublishRetryableError(`The account's token expires in minutes and renewing it failed for now: ${errorMessage(error)}`, { cause: error });
    }
    // Renewed, or not renewable but still valid a little longer (a dead one flagged the account).
    prepared = await withOrg(input.organizationId, (db) => prepare(db, input, now, { tokenChecked: true }));
  }
  switch (prepared.kind) {
    case "done":
      return prepared.outcome;
    case "retry-later":
      throw new RetryAfterError(prepared.message, prepared.retryAfterMs);
    case "refresh-token":
      throw new PublishRetryableError("The account's token still needs renewing.");
    case "refuse":
      return withOrg(input.organizationId, (db) =>
        recordFailure(db, { ...input, ledgerId: prepared.ledgerId, code: prepared.code, message: prepared.message, now, accountProblem: prepared.accountProblem }),
      );
    case "unreachable":
      return waitOrGiveUp(input, prepared.doubt, now, { code: "ACCOUNT_UNAVAILABLE", why: prepared.reason });
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
 * never sent fails with the last error. One that was sent without an answer is never failed
 * (the post may be live): inside the lag window it is left for the sweep to look again, past it
 * the outcome is unknown and the user decides.
 */
export async function abandonTarget(input: AbandonInput): Promise<PublishOutcome> {
  const now = input.now ?? new Date();
  const loaded = await withOrg(input.organizationId, async (db) => {
    const target = await db.postTarget.findUnique({ where: { id: input.targetId }, select: { postId: true, socialAccount: { select: { id: true, name: true, network: true, connectedAt: true, accessTokenEnc: true } } } });
    if (!target) return null;
    await lockPost(db, target.postId);
    const ledger = await ensureLedger(db, input.organizationId, input.targetId, input.scheduleVersion, now);
    if (ledger.state === "QUEUED") {
      const outcome = await recordFailure(db, {
        organizationId: input.organizationId,
        targetId: input.targetId,
        scheduleVersion: input.scheduleVersion,
        ledgerId: ledger.id,
        code: ledger.errorCode ?? "GAVE_UP",
        message: `Gave up after ${ledger.attempts} attempt(s): ${input.reason}`,
        now,
        accountProblem: false,
      });
      return { outcome };
    }
    return { outcome: null, ledger, target };
  });
  if (!loaded) return { targetId: input.targetId, state: "CANCELLED", error: "The post or its account was removed." };
  if (loaded.outcome) return loaded.outcome;
  const { ledger, target } = loaded;
  if (ledger.state !== "SENT") return fromLedger(input.targetId, ledger);

  const account = target.socialAccount;
  const adapter = lagOf(account.network);
  const claim: Doubt = { ledgerId: ledger.id, attempts: ledger.attempts, sentAt: ledger.sentAt ?? ledger.queuedAt, adapter, account, postId: target.postId };
  if (now.getTime() < lagWindowEndsAt(claim.sentAt, adapter).getTime()) return fromLedger(input.targetId, ledger);
  return recordOutcomeUnknown(input, claim, now, { code: ledger.errorCode ?? "GAVE_UP", why: `the last attempt ended without an answer (${input.reason})` });
}
