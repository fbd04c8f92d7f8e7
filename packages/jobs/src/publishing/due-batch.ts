import { Prisma, withOrg, type SocialNetwork, type TenantDb } from "@mg/db";
import type { AccountAuth, NetworkAdapter, PublishResult } from "@mg/integrations/types";
import { alertKeys, raiseAlerts, type AlertInput } from "./alerts";
import { accountSpacingMs, MISSED_AFTER_MS, SEND_LEASE_MS, TOKEN_REFRESH_AHEAD_MS } from "./config";
import { accountAuth, adapterFor } from "./network";
import { markMissedMany } from "./plan";
import { refreshPostStatus, refreshPostStatuses } from "./post-status";
import {
  errorMessage,
  fromLedger,
  handleSendError,
  idempotencyKeyFor,
  requeue,
  requestFor,
  mediaIdsOf,
  type Claim,
  type ClaimAccount,
  type MediaRow,
  type RequestSource,
  type PublishOutcome,
  type PublishTargetInput,
} from "./publish-target";
import { countOutcome, publishCounted, type Limiter, type SweepLogger, type TargetTally } from "./tally";
import { ensureFreshToken, expiresWithin } from "./tokens";

/**
 * The batched due path: one organization's due posts claimed and advanced together.
 *
 * 1. One RLS transaction (withOrg) per organization batch locks the due posts discovery found
 *    (`FOR UPDATE SKIP LOCKED`: a post another dispatcher or worker holds is skipped), moves them
 *    SCHEDULED → PUBLISHING, reads what the requests need, and claims the targets' ledger rows:
 *    a target without a row gets it written already SENT (`INSERT … ON CONFLICT DO NOTHING
 *    RETURNING` — one writer can create a row, so writing it is the claim); a row that exists
 *    QUEUED is claimed with publishTarget's compare-and-set (`UPDATE … WHERE state = 'QUEUED'
 *    RETURNING`). Only a claimed row is sent, by whoever claimed it.
 * 2. The network calls run after that commit, in parallel under the dispatcher's limit; an
 *    account with a spacing throttle gets at most one claim per batch (none while its last send
 *    is younger than the spacing), decided under its row lock like publishTarget's. The others
 *    wait claimed but unsent until a sweep pass finds the spacing past (sweep.ts, spacedTargetsReady).
 * 3. Answers are recorded in chunks (full, or within RECORD_WAIT_MS of the first answer waiting:
 *    a slow call never holds the others back): one transaction per chunk locks the posts (id order, the
 *    lock order of every publish transaction), moves rows SENT → ACKNOWLEDGED and targets to
 *    PUBLISHED, raises first-comment alerts and recomputes the posts' status.
 *
 * Every statement reads or writes one table by an id list (`= ANY(…)`, values by
 * `array_position`), never a join the planner could turn into a loop over the organization's rows
 * when its statistics are stale (a tenant that has just imported 10,000 posts).
 *
 * Anything off the common path goes through publishTarget, one by one, with all its rules: an
 * account that is disconnected or whose credentials cannot be read, missing media, a row someone
 * else holds, and every error answer (handleSendError: requeue, refusal, duplicate, lookup, 401).
 * Tokens that expire within minutes are renewed first (ensureFreshToken, once per account, under
 * its advisory lock), then their targets are claimed in a second, smaller round.
 */

export interface BatchContext {
  /** The pipeline's clock (sentAt, queuedAt, lag windows); tests pin it. */
  now: Date;
  dueBefore: Date;
  /** Bounds the network calls (and per-target fallbacks) of every batch of one dispatch. */
  limiter: Limiter;
  tally: TargetTally;
  logger: SweepLogger;
  /** Answers recorded per transaction. */
  recordChunk: number;
}

export interface BatchResult {
  claimed: number;
  targets: number;
  missed: number;
}

interface ClaimedPost {
  id: string;
  schedule_version: number;
  scheduled_at: Date | null;
  content: string;
  media_ids: string[];
  first_comment: string | null;
}

interface TargetRow {
  id: string;
  post_id: string;
  social_account_id: string;
  network: SocialNetwork;
  variant_content: string | null;
  variant_media_ids: string[];
  use_base_media: boolean;
  variant_first_comment: string | null;
  tiktok_privacy_level: string | null;
}

interface LedgerRow {
  id: string;
  post_target_id: string;
  schedule_version: number;
  state: string;
  queued_at: Date;
  idempotency_key: string;
  error_code: string | null;
}

/** A live target of a locked post, with its post and its ledger row of the post's version (if any). */
interface CandidateRow {
  target_id: string;
  post_id: string;
  social_account_id: string;
  network: SocialNetwork;
  schedule_version: number;
  source: RequestSource;
  ledger: LedgerRow | null;
}

/** A claimed ledger row, ready to go to the network. */
interface ClaimedSend {
  input: PublishTargetInput;
  claim: Claim;
  /** Wall-clock time of the claim: a claim not sent well within its lease goes back to the queue. */
  claimedAt: number;
}

interface Round {
  sends: ClaimedSend[];
  /** Targets whose account's token expires within minutes, by account. */
  refresh: Map<string, CandidateRow[]>;
  /** Targets for publishTarget (every rule, one by one). */
  leftovers: CandidateRow[];
  /** Targets left QUEUED behind their account's spacing throttle. */
  throttled: CandidateRow[];
  /** Posts with at least one live target. */
  livePosts: Set<string>;
  targets: number;
}

type Account = NonNullable<Awaited<ReturnType<typeof loadAccounts>>>[number];

function loadAccounts(db: TenantDb, ids: readonly string[]) {
  return db.socialAccount.findMany({ where: { id: { in: [...ids] } } });
}

const POST_COLUMNS = Prisma.sql`id, schedule_version, scheduled_at, content, media_ids, first_comment`;

/** Locks the due posts among `postIds` that nobody else holds, and moves them SCHEDULED → PUBLISHING. */
async function claimPosts(db: TenantDb, organizationId: string, postIds: readonly string[], dueBefore: Date, wall: Date): Promise<ClaimedPost[]> {
  const posts = await db.$queryRaw<ClaimedPost[]>`
    SELECT ${POST_COLUMNS} FROM posts
    WHERE organization_id = ${organizationId}::uuid AND id = ANY(${[...postIds]}::uuid[])
      AND status = 'SCHEDULED'::"PostStatus" AND scheduled_at <= ${dueBefore}
    FOR UPDATE SKIP LOCKED`;
  if (posts.length > 0) {
    await db.$executeRaw`
      UPDATE posts SET status = 'PUBLISHING'::"PostStatus", updated_at = ${wall}
      WHERE organization_id = ${organizationId}::uuid AND id = ANY(${posts.map((p) => p.id)}::uuid[])`;
  }
  // Oldest first (as the sweep retries them): a throttled account's one claim goes to its earliest post.
  return posts.sort((a, b) => (a.scheduled_at?.getTime() ?? 0) - (b.scheduled_at?.getTime() ?? 0) || (a.id < b.id ? -1 : 1));
}

/** The live targets of the posts, and their ledger rows of the posts' versions. */
async function loadCandidates(db: TenantDb, organizationId: string, posts: readonly ClaimedPost[]): Promise<CandidateRow[]> {
  const targets = await db.$queryRaw<TargetRow[]>`
    SELECT id, post_id, social_account_id, network::text AS network, variant_content, variant_media_ids, use_base_media, variant_first_comment, tiktok_privacy_level
    FROM post_targets
    WHERE organization_id = ${organizationId}::uuid AND post_id = ANY(${posts.map((p) => p.id)}::uuid[])
      AND status IN ('SCHEDULED'::"PostTargetStatus", 'PUBLISHING'::"PostTargetStatus")`;
  if (targets.length === 0) return [];
  const ledger = await db.$queryRaw<LedgerRow[]>`
    SELECT id, post_target_id, schedule_version, state::text AS state, queued_at, idempotency_key, error_code
    FROM publish_ledger
    WHERE organization_id = ${organizationId}::uuid AND post_target_id = ANY(${targets.map((t) => t.id)}::uuid[])`;
  const byPost = new Map(posts.map((p) => [p.id, p]));
  const rowOf = new Map(ledger.map((l) => [`${l.post_target_id}:${l.schedule_version}`, l]));
  const order = new Map(posts.map((p, i) => [p.id, i]));
  return targets
    .flatMap((t): CandidateRow[] => {
      const post = byPost.get(t.post_id);
      if (!post) return [];
      return [
        {
          target_id: t.id,
          post_id: t.post_id,
          social_account_id: t.social_account_id,
          network: t.network,
          schedule_version: post.schedule_version,
          source: {
            network: t.network,
            useBaseMedia: t.use_base_media,
            variantMediaIds: t.variant_media_ids,
            variantContent: t.variant_content,
            variantFirstComment: t.variant_first_comment,
            tiktokPrivacyLevel: t.tiktok_privacy_level,
            post: { content: post.content, mediaIds: post.media_ids, firstComment: post.first_comment },
          },
          ledger: rowOf.get(`${t.id}:${post.schedule_version}`) ?? null,
        },
      ];
    })
    .sort((a, b) => (order.get(a.post_id) ?? 0) - (order.get(b.post_id) ?? 0) || (a.target_id < b.target_id ? -1 : 1));
}

/**
 * For accounts with a spacing throttle: lock them (id order, like publishTarget's claim) and
 * answer which may send now — one claim each, none while the last send is younger than the spacing.
 */
async function spacingAllows(db: TenantDb, organizationId: string, accounts: ReadonlyMap<string, Account>, excludeLedgerIds: readonly string[], now: Date): Promise<Set<string>> {
  const ids = [...accounts.keys()].sort();
  if (ids.length === 0) return new Set();
  await db.$queryRaw`SELECT id FROM social_accounts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  const widest = Math.max(...[...accounts.values()].map((a) => accountSpacingMs(a.network)));
  const last = await db.$queryRaw<{ account_id: string; last_sent: Date }[]>`
    SELECT t.social_account_id AS account_id, max(l.sent_at) AS last_sent
    FROM publish_ledger l
    JOIN post_targets t ON t.organization_id = ${organizationId}::uuid AND t.id = l.post_target_id
    WHERE l.organization_id = ${organizationId}::uuid AND t.social_account_id = ANY(${ids}::uuid[])
      AND l.sent_at > ${new Date(now.getTime() - widest)} AND NOT (l.id = ANY(${[...excludeLedgerIds]}::uuid[]))
    GROUP BY t.social_account_id`;
  const lastSent = new Map(last.map((r) => [r.account_id, r.last_sent.getTime()]));
  const allowed = new Set<string>();
  for (const [id, account] of accounts) {
    const sent = lastSent.get(id);
    if (sent === undefined || sent <= now.getTime() - accountSpacingMs(account.network)) allowed.add(id);
  }
  return allowed;
}

/** Their targets are in flight: PUBLISHING (the post already is). */
function markPublishing(db: TenantDb, organizationId: string, targetIds: readonly string[], wall: Date) {
  return db.$executeRaw`
    UPDATE post_targets SET status = 'PUBLISHING'::"PostTargetStatus", updated_at = ${wall}
    WHERE organization_id = ${organizationId}::uuid AND id = ANY(${[...targetIds]}::uuid[]) AND status <> 'PUBLISHING'::"PostTargetStatus"`;
}

/**
 * The claim of targets without a ledger row yet (the common case: a post that was SCHEDULED until
 * this transaction): the row is written already SENT, so writing it is the claim. `ON CONFLICT
 * DO NOTHING` on (target, version): only one writer can create it, and a row that exists is not
 * ours to send. Returns the rows won.
 */
function insertClaimedRows(db: TenantDb, organizationId: string, rows: readonly { targetId: string; version: number; key: string }[], now: Date, wall: Date) {
  return db.$queryRaw<{ id: string; post_target_id: string; attempts: number }[]>`
    INSERT INTO publish_ledger (id, organization_id, post_target_id, schedule_version, idempotency_key, state, attempts, queued_at, sent_at, updated_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, c.target_id, c.version, c.key, 'SENT'::"LedgerState", 1, ${now}, ${now}, ${wall}
    FROM unnest(${rows.map((r) => r.targetId)}::uuid[], ${rows.map((r) => r.version)}::int[], ${rows.map((r) => r.key)}::text[]) AS c(target_id, version, key)
    ON CONFLICT DO NOTHING
    RETURNING id, post_target_id, attempts`;
}

/** QUEUED → SENT for rows that exist already — only those still QUEUED (publishTarget's compare-and-set). */
function claimQueuedRows(db: TenantDb, organizationId: string, ledgerIds: readonly string[], now: Date, wall: Date) {
  return db.$queryRaw<{ id: string; post_target_id: string; attempts: number }[]>`
    UPDATE publish_ledger
    SET state = 'SENT'::"LedgerState", attempts = attempts + 1, sent_at = ${now}, error = NULL, error_code = NULL, retryable = NULL, updated_at = ${wall}
    WHERE organization_id = ${organizationId}::uuid AND id = ANY(${[...ledgerIds]}::uuid[]) AND state = 'QUEUED'::"LedgerState"
    RETURNING id, post_target_id, attempts`;
}

interface RoundOptions {
  /** Only these targets (the second round, after token renewals). */
  targetIds?: ReadonlySet<string>;
  /** Tokens were just checked or renewed: do not ask for a refresh again. */
  tokenChecked: boolean;
}

/**
 * Inside the organization's transaction, with the posts locked: classify their live targets and
 * claim the ones that can go out now. Decrypting credentials and building requests happen here,
 * before the claim, so that a claimed row is one whose request is ready to leave.
 */
async function claimRound(db: TenantDb, organizationId: string, posts: readonly ClaimedPost[], ctx: BatchContext, wall: Date, options: RoundOptions): Promise<Round> {
  const round: Round = { sends: [], refresh: new Map(), leftovers: [], throttled: [], livePosts: new Set(), targets: 0 };
  if (posts.length === 0) return round;
  const all = await loadCandidates(db, organizationId, posts);
  for (const row of all) round.livePosts.add(row.post_id);
  const rows = options.targetIds ? all.filter((r) => options.targetIds?.has(r.target_id)) : all;
  round.targets = rows.length;
  if (rows.length === 0) return round;

  const accounts = new Map((await loadAccounts(db, [...new Set(rows.map((r) => r.social_account_id))])).map((a) => [a.id, a]));
  const mediaIds = [...new Set(rows.flatMap((r) => mediaIdsOf(r.source)))];
  const media: ReadonlyMap<string, MediaRow> = mediaIds.length
    ? new Map((await db.mediaAsset.findMany({ where: { id: { in: mediaIds }, deletedAt: null } })).map((m) => [m.id, m]))
    : new Map();

  // One adapter per network and one decryption per account, whatever the batch size.
  const adapters = new Map<SocialNetwork, NetworkAdapter>();
  const auths = new Map<string, Promise<AccountAuth>>();
  const ready: { row: CandidateRow; account: Account; adapter: NetworkAdapter; auth: AccountAuth; request: Claim["request"] }[] = [];
  for (const row of rows) {
    const account = accounts.get(row.social_account_id);
    // Someone else holds the row, or it needs a decision only publishTarget makes (a refusal on
    // a disconnected account): the per-target path, after this transaction.
    if ((row.ledger !== null && row.ledger.state !== "QUEUED") || !account || account.status !== "CONNECTED") {
      round.leftovers.push(row);
      continue;
    }
    if (!options.tokenChecked && expiresWithin(account.tokenExpiresAt, ctx.now, TOKEN_REFRESH_AHEAD_MS)) {
      const waiting = round.refresh.get(account.id) ?? [];
      waiting.push(row);
      round.refresh.set(account.id, waiting);
      continue;
    }
    try {
      const adapter = adapters.get(account.network) ?? adapterFor(account.network);
      adapters.set(account.network, adapter);
      let auth = auths.get(account.id);
      if (!auth) {
        auth = accountAuth(account);
        auths.set(account.id, auth);
      }
      const key = row.ledger?.idempotency_key ?? idempotencyKeyFor(row.target_id, row.schedule_version);
      ready.push({ row, account, adapter, auth: await auth, request: requestFor(row.source, media, key) });
    } catch {
      // Unconfigured network, unreadable credentials, a deleted media file: publishTarget says which.
      round.leftovers.push(row);
    }
  }

  // Spacing throttle: at most one claim per spaced account per batch, in the posts' order.
  const spaced = new Map(ready.filter((r) => accountSpacingMs(r.account.network) > 0).map((r) => [r.account.id, r.account]));
  const allowed = await spacingAllows(db, organizationId, spaced, ready.flatMap((r) => (r.row.ledger ? [r.row.ledger.id] : [])), ctx.now);
  const taken = new Set<string>();
  const toClaim = ready.filter((r) => {
    if (!spaced.has(r.account.id)) return true;
    if (!allowed.has(r.account.id) || taken.has(r.account.id)) {
      round.throttled.push(r.row);
      return false;
    }
    taken.add(r.account.id);
    return true;
  });
  if (toClaim.length === 0) return round;

  const fresh = toClaim.filter((r) => r.row.ledger === null);
  const queued = toClaim.flatMap((r) => (r.row.ledger ? [r.row.ledger.id] : []));
  const won = new Map<string, { id: string; attempts: number }>();
  if (fresh.length > 0) {
    const rows = fresh.map((r) => ({ targetId: r.row.target_id, version: r.row.schedule_version, key: r.request.idempotencyKey }));
    for (const w of await insertClaimedRows(db, organizationId, rows, ctx.now, wall)) won.set(w.post_target_id, w);
  }
  if (queued.length > 0) for (const w of await claimQueuedRows(db, organizationId, queued, ctx.now, wall)) won.set(w.post_target_id, w);
  if (won.size > 0) await markPublishing(db, organizationId, [...won.keys()], wall);
  const claimedAt = Date.now();
  for (const { row, account, adapter, auth, request } of toClaim) {
    const claimed = won.get(row.target_id);
    if (!claimed) {
      // Another writer holds the row: publishTarget reports where it stands.
      round.leftovers.push(row);
      continue;
    }
    const claimAccount: ClaimAccount = { id: account.id, name: account.name, network: account.network, connectedAt: account.connectedAt, accessTokenEnc: account.accessTokenEnc };
    round.sends.push({
      input: { organizationId, targetId: row.target_id, scheduleVersion: row.schedule_version, now: ctx.now },
      claim: {
        ledgerId: claimed.id,
        attempts: claimed.attempts,
        sentAt: ctx.now,
        chainStartedAt: row.ledger?.queued_at ?? ctx.now,
        lastErrorCode: row.ledger?.error_code ?? null,
        adapter,
        account: claimAccount,
        postId: row.post_id,
        auth,
        request,
      },
      claimedAt,
    });
  }
  return round;
}

interface Answer {
  send: ClaimedSend;
  result: PublishResult;
}

/**
 * The network's answers, recorded in one transaction: posts locked in id order (the lock order of
 * every publish transaction), rows SENT → ACKNOWLEDGED, their targets PUBLISHED, first-comment
 * alerts, post status. Returns the outcome per target.
 */
async function recordAnswers(organizationId: string, answers: readonly Answer[], now: Date): Promise<PublishOutcome[]> {
  const wall = new Date();
  return withOrg(organizationId, async (db) => {
    const postIds = [...new Set(answers.map((a) => a.send.claim.postId))].sort();
    await db.$queryRaw`SELECT id FROM posts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${postIds}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
    const problems = answers.map((a) => (a.result.firstCommentError ? `Published, but ${a.send.claim.adapter.displayName} refused the first comment: ${a.result.firstCommentError}` : null));
    const ledgerIds = answers.map((a) => a.send.claim.ledgerId);
    const externalIds = answers.map((a) => a.result.externalId);
    const urls = answers.map((a) => a.result.url ?? null);
    // Any unresolved state may take the answer (as in publishTarget): it is the truth.
    const acked = await db.$queryRaw<{ id: string }[]>`
      UPDATE publish_ledger
      SET state = 'ACKNOWLEDGED'::"LedgerState",
          external_id = (${externalIds}::text[])[array_position(${ledgerIds}::uuid[], id)],
          external_url = (${urls}::text[])[array_position(${ledgerIds}::uuid[], id)],
          acknowledged_at = ${now}, error = NULL, error_code = NULL, retryable = NULL, failed_at = NULL, updated_at = ${wall}
      WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ledgerIds}::uuid[])
        AND state IN ('QUEUED'::"LedgerState", 'SENT'::"LedgerState", 'FAILED'::"LedgerState", 'OUTCOME_UNKNOWN'::"LedgerState")
      RETURNING id`;
    const won = new Set(acked.map((r) => r.id));
    const mine = answers.flatMap((a, i) => (won.has(a.send.claim.ledgerId) ? [{ targetId: a.send.input.targetId, externalId: a.result.externalId, url: a.result.url ?? null, problem: problems[i] ?? null }] : []));
    if (mine.length > 0) {
      const targetIds = mine.map((m) => m.targetId);
      const problemOf = Prisma.sql`(${mine.map((m) => m.problem)}::text[])[array_position(${targetIds}::uuid[], id)]`;
      await db.$executeRaw`
        UPDATE post_targets
        SET status = 'PUBLISHED'::"PostTargetStatus",
            external_id = (${mine.map((m) => m.externalId)}::text[])[array_position(${targetIds}::uuid[], id)],
            external_url = (${mine.map((m) => m.url)}::text[])[array_position(${targetIds}::uuid[], id)],
            published_at = ${now}, last_error = ${problemOf},
            last_error_code = CASE WHEN ${problemOf} IS NULL THEN NULL ELSE 'FIRST_COMMENT_FAILED' END, updated_at = ${wall}
        WHERE organization_id = ${organizationId}::uuid AND id = ANY(${targetIds}::uuid[])`;
    }

    const alerts: AlertInput[] = [];
    answers.forEach((a, i) => {
      const problem = problems[i];
      if (!problem || !won.has(a.send.claim.ledgerId)) return;
      alerts.push({
        organizationId,
        kind: "PUBLISH_FAILED",
        title: `First comment not posted on ${a.send.claim.account.name}`,
        body: `${problem}. Add the comment on ${a.send.claim.adapter.displayName} by hand if you still want it.`,
        postId: a.send.claim.postId,
        dedupeKey: alertKeys.firstCommentFailed(a.send.input.targetId, a.send.claim.ledgerId),
      });
    });
    await raiseAlerts(db, alerts);
    await refreshPostStatuses(db, organizationId, postIds, wall);

    // Someone else recorded an answer first (a concurrent recovery): report theirs.
    const lost = answers.filter((a) => !won.has(a.send.claim.ledgerId));
    const theirs = lost.length ? await db.publishLedger.findMany({ where: { id: { in: lost.map((a) => a.send.claim.ledgerId) } } }) : [];
    const byId = new Map(theirs.map((l) => [l.id, l]));
    return answers.map((a): PublishOutcome => {
      const targetId = a.send.input.targetId;
      if (won.has(a.send.claim.ledgerId)) return { targetId, state: "ACKNOWLEDGED", externalId: a.result.externalId, url: a.result.url ?? null, sent: true };
      const row = byId.get(a.send.claim.ledgerId);
      return row ? fromLedger(targetId, row) : { targetId, state: "CANCELLED", error: "The post or its account was removed." };
    });
  });
}

/**
 * An answer waits at most this long for its chunk to fill before it is recorded. Without a bound, a
 * slow or hung call (up to the adapters' 30 s timeout) would hold back every answer of its batch
 * that had already come in: their posts would show "publishing", and a crash meanwhile would send
 * them all to recovery lookups — some of which can only end as OUTCOME_UNKNOWN (a network that
 * cannot be asked). A full chunk is recorded at once; under load chunks fill well within this.
 */
const RECORD_WAIT_MS = 1_000;

/** Sends the claimed rows in parallel (ctx.limiter), recording answers in chunks and errors one by one. */
async function sendAll(organizationId: string, sends: readonly ClaimedSend[], ctx: BatchContext): Promise<void> {
  if (sends.length === 0) return;
  const answers: Answer[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timed: Promise<void>[] = [];
  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    const chunk = answers.splice(0, answers.length);
    if (chunk.length === 0) return;
    try {
      const outcomes = await recordAnswers(organizationId, chunk, ctx.now);
      for (const outcome of outcomes) await countOutcome(ctx.tally, outcome.targetId, ctx.logger, async () => outcome);
    } catch (error) {
      // The rows stay SENT: past the lease, recovery looks them up (never a blind resend).
      ctx.tally.retrying += chunk.length;
      ctx.logger.warn(`recording ${chunk.length} answer(s) failed; the sweep will look them up: ${errorMessage(error)}`);
    }
  };
  await Promise.all(
    sends.map((send) =>
      ctx.limiter(async () => {
        // A claim that waited too long for its turn goes back to the queue unsent, before anyone
        // could take it for a lost answer (the lease).
        if (Date.now() - send.claimedAt > SEND_LEASE_MS / 2) {
          await countOutcome(ctx.tally, send.input.targetId, ctx.logger, async () => {
            await requeue(send.input, send.claim, "CLAIM_EXPIRED", "Claimed but not sent in time; queued again.");
            return { targetId: send.input.targetId, state: "PENDING" };
          });
          return;
        }
        let result: PublishResult;
        try {
          result = await send.claim.adapter.publish(send.claim.auth, send.claim.request);
        } catch (error) {
          await countOutcome(ctx.tally, send.input.targetId, ctx.logger, () => handleSendError(send.input, send.claim, error, ctx.now));
          return;
        }
        answers.push({ send, result });
        if (answers.length >= ctx.recordChunk) await flush();
        else timer ??= setTimeout(() => timed.push(flush()), RECORD_WAIT_MS);
      }),
    ),
  );
  await flush();
  // flush() never throws (a failed chunk is left for recovery), so this only waits.
  await Promise.all(timed);
}

/** publishTarget for each row, counted, under the same limiter as the sends. */
async function publishEach(organizationId: string, rows: readonly CandidateRow[], ctx: BatchContext): Promise<void> {
  await Promise.all(
    rows.map((row) =>
      ctx.limiter(() => publishCounted(ctx.tally, { organizationId, targetId: row.target_id, scheduleVersion: row.schedule_version, now: ctx.now }, ctx.logger)),
    ),
  );
}

/** Renews expiring tokens once per account, then claims those accounts' targets in a second round. */
async function refreshThenClaim(organizationId: string, refresh: ReadonlyMap<string, CandidateRow[]>, ctx: BatchContext): Promise<void> {
  if (refresh.size === 0) return;
  const ready: CandidateRow[] = [];
  await Promise.all(
    [...refresh].map(async ([socialAccountId, rows]) => {
      try {
        // Renewed, fresh already, or not renewable (a dead token flagged the account; the
        // second round then hands its targets to publishTarget, which refuses them).
        await ensureFreshToken({ organizationId, socialAccountId, now: ctx.now });
        ready.push(...rows);
      } catch (error) {
        ctx.tally.retrying += rows.length;
        ctx.logger.info(`${rows.length} target(s) will be retried: renewing the token of account ${socialAccountId} failed for now: ${errorMessage(error)}`);
      }
    }),
  );
  if (ready.length === 0) return;
  const wall = new Date();
  const round = await withOrg(organizationId, async (db) => {
    const postIds = [...new Set(ready.map((r) => r.post_id))].sort();
    // The posts stay locked (id order) while their targets are claimed: a reschedule committed
    // meanwhile shows as a new version, and those targets are left to stand down.
    const posts = await db.$queryRaw<(ClaimedPost & { status: string })[]>`
      SELECT ${POST_COLUMNS}, status::text AS status FROM posts
      WHERE organization_id = ${organizationId}::uuid AND id = ANY(${postIds}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
    const versions = new Map(ready.map((r) => [r.post_id, r.schedule_version]));
    const current = posts.filter((p) => p.status === "PUBLISHING" && versions.get(p.id) === p.schedule_version);
    return claimRound(db, organizationId, current, ctx, wall, { targetIds: new Set(ready.map((r) => r.target_id)), tokenChecked: true });
  });
  const seen = new Set([...round.sends.map((s) => s.input.targetId), ...[...round.leftovers, ...round.throttled].map((r) => r.target_id)]);
  // Targets of posts rescheduled or cancelled meanwhile: publishTarget stands them down.
  const gone = ready.filter((r) => !seen.has(r.target_id));
  ctx.tally.retrying += round.throttled.length;
  await Promise.all([sendAll(organizationId, round.sends, ctx), publishEach(organizationId, [...round.leftovers, ...gone], ctx)]);
}

/**
 * One organization batch: claim the due posts among `postIds` and publish their targets. Never
 * holds a transaction across a network call (the token lock of a renewal excepted, see tokens.ts).
 */
export async function publishOrganizationBatch(organizationId: string, postIds: readonly string[], ctx: BatchContext): Promise<BatchResult> {
  const wall = new Date();
  const first = await withOrg(organizationId, async (db) => {
    const posts = await claimPosts(db, organizationId, postIds, ctx.dueBefore, wall);
    if (posts.length === 0) return null;
    const round = await claimRound(db, organizationId, posts, ctx, wall, { tokenChecked: false });

    // Nothing to publish to (every target cancelled): do not leave it "publishing".
    const empty = posts.filter((p) => !round.livePosts.has(p.id));
    for (const post of empty) {
      const status = await refreshPostStatus(db, post.id);
      if (status === "PUBLISHING") await db.post.updateMany({ where: { id: post.id, status: "PUBLISHING" }, data: { status: "CANCELLED" } });
    }
    const late = posts
      .filter((p) => round.livePosts.has(p.id) && p.scheduled_at && ctx.now.getTime() - p.scheduled_at.getTime() > MISSED_AFTER_MS)
      .map((p) => ({ postId: p.id, scheduleVersion: p.schedule_version, lateMinutes: Math.floor((ctx.now.getTime() - (p.scheduled_at?.getTime() ?? 0)) / 60_000) }));
    await markMissedMany(db, organizationId, late, ctx.now);
    return { posts, round, empty, late };
  });
  if (!first) return { claimed: 0, targets: 0, missed: 0 };
  const { posts, round, empty, late } = first;
  for (const post of empty) ctx.logger.warn(`post ${post.id} has no account left to publish to; cancelled`);
  for (const post of late) ctx.logger.warn(`post ${post.postId} is ${post.lateMinutes} minutes late (engine was down?); publishing now`);
  ctx.tally.retrying += round.throttled.length;

  await Promise.all([
    sendAll(organizationId, round.sends, ctx),
    publishEach(organizationId, round.leftovers, ctx),
    refreshThenClaim(organizationId, round.refresh, ctx),
  ]);
  return { claimed: posts.length, targets: round.targets, missed: late.length };
}
