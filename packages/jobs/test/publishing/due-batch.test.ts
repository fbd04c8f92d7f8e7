import "./env";
import { randomUUID } from "node:crypto";
import { disconnectAll, systemDb } from "@mg/db/system";
import { decryptSecret, sandboxPostsFor } from "@mg/integrations";
import { RetryAfterError } from "inngest";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { SEND_LEASE_MS, STUCK_RETRY_MS } from "../../src/publishing/config";
import { publishTarget } from "../../src/publishing/publish-target";
import { dispatchDuePosts, retryStuckTargets, runPublishingSweep } from "../../src/publishing/sweep";
import { expiredToken, FakeNetwork, rateLimited, refused, sharedClock } from "./fake-network";
import { alertsOf, ledgerOf, PublishingFixtures, postOf, targetOf, type TestAccount, type TestPost } from "./fixtures";

/**
 * The batched due path (due-batch.ts, called by dispatchDuePosts): one RLS transaction per
 * organization batch claims the posts and their ledger rows, the network calls run after it, the
 * answers are recorded in chunks, and anything off the common path goes through publishTarget.
 * These tests hold it to publishTarget's guarantees: every target goes out exactly once, whoever
 * races it, whatever the network answers, and whenever the worker dies.
 *
 * Every call is scoped to the test's organizations: other test files share the database.
 */
const fixtures = new PublishingFixtures();
const installed: FakeNetwork[] = [];

function install(fake: FakeNetwork): FakeNetwork {
  installed.push(fake.install());
  return fake;
}

afterEach(() => {
  for (const fake of installed.splice(0)) fake.uninstall();
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function duePosts(organizationId: string, accounts: readonly TestAccount[], count: number, scheduledAt = minutesAgo(1)): Promise<TestPost[]> {
  const posts: TestPost[] = [];
  for (let i = 0; i < count; i++) posts.push(await fixtures.scheduledPost(organizationId, accounts, { scheduledAt }));
  return posts;
}

const keysOf = (posts: readonly TestPost[]) => posts.flatMap((p) => p.targetIds.map((id) => `${id}:v${p.scheduleVersion}`)).sort();

async function statusCounts(postIds: readonly string[]): Promise<Record<string, number>> {
  const rows = await systemDb().post.groupBy({ by: ["status"], where: { id: { in: [...postIds] } }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

/** Every target of the posts: published, one ledger row acknowledged after exactly one claim. */
async function expectPublishedOnce(posts: readonly TestPost[]): Promise<void> {
  const targetIds = posts.flatMap((p) => p.targetIds);
  expect(await statusCounts(posts.map((p) => p.id))).toEqual({ PUBLISHED: posts.length });
  const targets = await systemDb().postTarget.groupBy({ by: ["status"], where: { id: { in: targetIds } }, _count: true });
  expect(targets.map((t) => [t.status, t._count])).toEqual([["PUBLISHED", targetIds.length]]);
  const ledger = await systemDb().publishLedger.findMany({ where: { postTargetId: { in: targetIds } } });
  expect(ledger).toHaveLength(targetIds.length);
  for (const row of ledger) expect(row).toMatchObject({ state: "ACKNOWLEDGED", attempts: 1 });
}

describe("organizations in turns", () => {
  it("the small organizations go out in the first call although the big one's backlog is older; repeated calls post every target exactly once", async () => {
    const fake = install(new FakeNetwork());
    const big = await fixtures.org("Turns Big Co");
    const smallA = await fixtures.org("Turns Small A");
    const smallB = await fixtures.org("Turns Small B");
    // The big organization's 60 posts were due first: served oldest-first, they would fill every call.
    const bigPosts = await duePosts(big, [await fixtures.account(big, "X")], 60, minutesAgo(10));
    const smallPosts = [...(await duePosts(smallA, [await fixtures.account(smallA, "X")], 2)), ...(await duePosts(smallB, [await fixtures.account(smallB, "X")], 2))];
    const organizationIds = [big, smallA, smallB];

    const first = await dispatchDuePosts({ organizationIds, limit: 10, batchSize: 4 });

    // Turn 1 and 2 take one post of each organization; the rest of the call goes to the big one.
    expect(first).toMatchObject({ claimed: 10, targets: 10, published: 10, failed: 0, retrying: 0, organizations: 3 });
    expect(await statusCounts(smallPosts.map((p) => p.id))).toEqual({ PUBLISHED: 4 });
    expect(await statusCounts(bigPosts.map((p) => p.id))).toEqual({ PUBLISHED: 6, SCHEDULED: 54 });

    const later = [];
    for (let call = 0; call < 20; call++) {
      const result = await dispatchDuePosts({ organizationIds, limit: 10, batchSize: 4 });
      later.push(result.claimed);
      if (result.claimed === 0) break;
      expect(result).toMatchObject({ organizations: 1, failed: 0, retrying: 0 });
    }

    expect(later).toEqual([10, 10, 10, 10, 10, 4, 0]);
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(keysOf([...bigPosts, ...smallPosts]));
    await expectPublishedOnce([...bigPosts, ...smallPosts]);
  });
});

describe("concurrent dispatchers", () => {
  async function organizations(label: string, count: number, postsEach: number) {
    const posts: TestPost[] = [];
    const organizationIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const organizationId = await fixtures.org(`${label} ${i}`);
      organizationIds.push(organizationId);
      const accounts = [await fixtures.account(organizationId, "X"), await fixtures.account(organizationId, "X")];
      posts.push(...(await duePosts(organizationId, accounts, postsEach)));
    }
    return { organizationIds, posts };
  }

  it("three dispatchers over four organizations with small batches: every target posted exactly once, nothing left publishing", async () => {
    const fake = install(new FakeNetwork({ supportsIdempotency: false }));
    const { organizationIds, posts } = await organizations("Race", 4, 8);
    const options = { organizationIds, limit: 100, batchSize: 3, concurrency: 4, parallelBatches: 3, batchesPerOrganization: 2 };

    const results = await Promise.all([dispatchDuePosts(options), dispatchDuePosts(options), dispatchDuePosts(options)]);

    const sum = (key: "claimed" | "published" | "retrying" | "failed" | "unknown" | "cancelled") => results.reduce((n, r) => n + r[key], 0);
    expect(sum("claimed")).toBe(32);
    expect(sum("published")).toBe(64);
    expect(sum("retrying") + sum("failed") + sum("unknown") + sum("cancelled")).toBe(0);
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(keysOf(posts));
    await expectPublishedOnce(posts);
    // Nothing left for anyone: another pass claims and sends nothing.
    expect(await dispatchDuePosts(options)).toMatchObject({ claimed: 0, targets: 0 });
    expect(fake.publishCalls).toHaveLength(64);
  });

  it("dispatchers racing the engine's own per-target runs: each target is sent by exactly one of them", async () => {
    const fake = install(new FakeNetwork({ supportsIdempotency: false }));
    const { organizationIds, posts } = await organizations("Race Engine", 3, 6);
    const options = { organizationIds, limit: 100, batchSize: 2, concurrency: 4 };
    const engineRuns = posts.flatMap((p) => p.targetIds.map((targetId) => publishTarget({ organizationId: p.organizationId, targetId, scheduleVersion: p.scheduleVersion })));

    const [a, b, runs] = await Promise.all([dispatchDuePosts(options), dispatchDuePosts(options), Promise.allSettled(engineRuns)]);

    // An engine run that found its target in flight elsewhere is told to come back, nothing else.
    for (const run of runs) {
      if (run.status === "rejected") expect(run.reason).toBeInstanceOf(RetryAfterError);
      else expect(run.value.state).toBe("ACKNOWLEDGED");
    }
    expect(a.failed + b.failed + a.unknown + b.unknown).toBe(0);
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(keysOf(posts));
    await expectPublishedOnce(posts);
  });
});

describe("per-account spacing", () => {
  // The networks' own defaults (config.ts): X 5 s between two publishes on one account, the Sandbox none.
  const X_SPACING_MS = 5_000;

  it("one batch claims one post of a spaced account; the others wait, claimed but unsent, and go out in later passes, spaced", async () => {
    vi.stubEnv("PUBLISH_ACCOUNT_SPACING_MS", "");
    const fake = install(new FakeNetwork());
    const time = sharedClock(fake);
    const organizationId = await fixtures.org("Spacing Co");
    const x = await fixtures.account(organizationId, "X");
    const sandbox = await fixtures.sandboxAccount(organizationId);
    const xPosts = await duePosts(organizationId, [x], 3);
    const sandboxPosts = await duePosts(organizationId, [sandbox], 2);

    const first = await dispatchDuePosts({ organizationId, now: time.now(), batchSize: 50 });

    expect(first).toMatchObject({ claimed: 5, targets: 5, batches: 1, published: 3, retrying: 2, failed: 0 });
    expect(fake.publishCalls).toHaveLength(1);
    // The unthrottled account's posts all went out in the same batch.
    expect(await sandboxPostsFor(sandbox.externalId)).toHaveLength(2);
    expect(await statusCounts(sandboxPosts.map((p) => p.id))).toEqual({ PUBLISHED: 2 });
    const waiting = xPosts.filter((p) => `${p.targetIds[0]}:v1` !== fake.publishCalls[0]?.idempotencyKey);
    expect(waiting).toHaveLength(2);
    for (const post of waiting) {
      // Claimed (no other dispatcher takes the post) but nothing sent: no ledger row, the target waiting.
      expect((await postOf(post.id)).status).toBe("PUBLISHING");
      expect(await targetOf(post.targetIds[0]!)).toMatchObject({ status: "SCHEDULED" });
      expect(await ledgerOf(post.targetIds[0]!)).toEqual([]);
    }

    // Another call a few seconds later has nothing due to claim and sends nothing.
    time.advance(3_000);
    expect(await dispatchDuePosts({ organizationId, now: time.now() })).toMatchObject({ claimed: 0 });
    expect(fake.publishCalls).toHaveLength(1);

    // The passes after it (the sweep, every minute) publish the rest: one per pass on this account.
    const perPass: number[] = [];
    for (let pass = 0; pass < 10 && fake.publishCalls.length < 3; pass++) {
      time.advance(STUCK_RETRY_MS + 1_000);
      const before = fake.publishCalls.length;
      await runPublishingSweep({ organizationId, now: time.now() });
      perPass.push(fake.publishCalls.length - before);
    }

    expect(perPass).toEqual([1, 1]);
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(keysOf(xPosts));
    const ledger = await systemDb().publishLedger.findMany({ where: { postTargetId: { in: xPosts.map((p) => p.targetIds[0]!) } }, orderBy: { sentAt: "asc" } });
    const sentAt = ledger.map((l) => l.sentAt?.getTime() ?? 0);
    for (let i = 1; i < sentAt.length; i++) expect(sentAt[i]! - sentAt[i - 1]!).toBeGreaterThanOrEqual(X_SPACING_MS);
    expect(await statusCounts([...xPosts, ...sandboxPosts].map((p) => p.id))).toEqual({ PUBLISHED: 5 });
  });

  /** The X sends of the posts, in order: when each went out (the pipeline's pinned clock). */
  async function sendTimes(posts: readonly TestPost[]): Promise<number[]> {
    const ledger = await systemDb().publishLedger.findMany({ where: { postTargetId: { in: posts.flatMap((p) => p.targetIds) } }, orderBy: { sentAt: "asc" } });
    return ledger.map((l) => l.sentAt?.getTime() ?? 0);
  }

  it("six posts due at once on one spaced account drain in six passes 5 s apart (the local scheduler's pace), not one per stuck-retry minute", async () => {
    vi.stubEnv("PUBLISH_ACCOUNT_SPACING_MS", "");
    const fake = install(new FakeNetwork());
    const time = sharedClock(fake);
    const organizationId = await fixtures.org("Spacing Drain Co");
    const x = await fixtures.account(organizationId, "X");
    // Due at once, scheduled a second apart (created newest first): they go out in schedule order.
    const posts: TestPost[] = [];
    for (let i = 5; i >= 0; i--) posts.unshift(await fixtures.scheduledPost(organizationId, [x], { scheduledAt: new Date(Date.now() - 60_000 - (5 - i) * 1_000) }));

    const perPass: number[] = [];
    for (let pass = 0; pass < 12 && fake.publishCalls.length < posts.length; pass++) {
      if (pass > 0) time.advance(X_SPACING_MS);
      const before = fake.publishCalls.length;
      await runPublishingSweep({ organizationId, now: time.now() });
      perPass.push(fake.publishCalls.length - before);
    }

    // The first pass claims all six and sends one; every later pass sends the next in line, well
    // inside the 60 s after which a target counts as stuck.
    expect(perPass).toEqual([1, 1, 1, 1, 1, 1]);
    const sent = await sendTimes(posts);
    expect(sent).toHaveLength(6);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBeGreaterThanOrEqual(X_SPACING_MS);
    expect((sent.at(-1) ?? 0) - (sent[0] ?? 0)).toBeLessThan(STUCK_RETRY_MS);
    // In the order they were scheduled in, each sent once.
    expect(fake.publishCalls.map((c) => c.idempotencyKey)).toEqual(posts.map((p) => `${p.targetIds[0]}:v1`));
    await expectPublishedOnce(posts);
  });

  it("passes more often than the spacing, racing the engine's per-target retries, never send two closer than the spacing", async () => {
    vi.stubEnv("PUBLISH_ACCOUNT_SPACING_MS", "");
    const fake = install(new FakeNetwork({ supportsIdempotency: false }));
    const time = sharedClock(fake);
    const organizationId = await fixtures.org("Spacing Race Co");
    const x = await fixtures.account(organizationId, "X");
    const posts = await duePosts(organizationId, [x], 6);

    const perPass: number[] = [];
    for (let pass = 0; pass < 30 && fake.publishCalls.length < posts.length; pass++) {
      if (pass > 0) time.advance(2_000);
      const before = fake.publishCalls.length;
      const now = time.now();
      // The engine retries each of its runs (RetryAfterError) while the sweep passes go on.
      const engineRuns = posts.map((p) => publishTarget({ organizationId, targetId: p.targetIds[0]!, scheduleVersion: p.scheduleVersion, now }));
      const [, runs] = await Promise.all([runPublishingSweep({ organizationId, now }), Promise.allSettled(engineRuns)]);
      for (const run of runs) {
        if (run.status === "rejected") expect(run.reason).toBeInstanceOf(RetryAfterError);
        else expect(run.value.state).toBe("ACKNOWLEDGED");
      }
      perPass.push(fake.publishCalls.length - before);
    }

    // A pass every 2 s: one send at 0, 6, 12, … s — the first pass at least 5 s after the last send.
    expect(perPass).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1]);
    const sent = await sendTimes(posts);
    for (let i = 1; i < sent.length; i++) expect(sent[i]! - sent[i - 1]!).toBe(6_000);
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(keysOf(posts));
    await expectPublishedOnce(posts);
  });

  it("batches of one organization running at once share the throttle: one claim on the account between them", async () => {
    vi.stubEnv("PUBLISH_ACCOUNT_SPACING_MS", "");
    const fake = install(new FakeNetwork());
    const time = sharedClock(fake);
    const organizationId = await fixtures.org("Spacing Parallel Co");
    const x = await fixtures.account(organizationId, "X");
    const xPosts = await duePosts(organizationId, [x], 4);

    const result = await dispatchDuePosts({ organizationId, now: time.now(), batchSize: 1, parallelBatches: 4, batchesPerOrganization: 4 });

    expect(result).toMatchObject({ claimed: 4, batches: 4, published: 1, retrying: 3 });
    expect(fake.publishCalls).toHaveLength(1);
    expect(await systemDb().publishLedger.count({ where: { postTargetId: { in: xPosts.map((p) => p.targetIds[0]!) } } })).toBe(1);
  });
  it("a post whose engine run was throttled (its row left QUEUED) is claimed through that row, keeping when its chain began", async () => {
    vi.stubEnv("PUBLISH_ACCOUNT_SPACING_MS", "");
    const fake = install(new FakeNetwork());
    const time = sharedClock(fake);
    const organizationId = await fixtures.org("Spacing Queued Co");
    const x = await fixtures.account(organizationId, "X");
    const [sent, held] = await duePosts(organizationId, [x], 2);
    await publishTarget({ organizationId, targetId: sent!.targetIds[0]!, scheduleVersion: 1, now: time.now() });
    await expect(publishTarget({ organizationId, targetId: held!.targetIds[0]!, scheduleVersion: 1, now: time.now() })).rejects.toThrow(/Throttled/);
    const [queued] = await ledgerOf(held!.targetIds[0]!);
    expect(queued).toMatchObject({ state: "QUEUED", attempts: 0 });
    expect((await postOf(held!.id)).status).toBe("SCHEDULED");

    // Still inside the spacing: claimed as a post, its row left alone.
    time.advance(X_SPACING_MS / 2);
    expect(await dispatchDuePosts({ organizationId, now: time.now() })).toMatchObject({ claimed: 1, published: 0, retrying: 1 });
    expect(await ledgerOf(held!.targetIds[0]!)).toEqual([expect.objectContaining({ state: "QUEUED", attempts: 0 })]);
    // Past it (the sweep takes the claimed post's target): sent once through the same row.
    time.advance(STUCK_RETRY_MS + 1_000);
    await retryStuckTargets({ organizationId, now: time.now() });
    expect(await ledgerOf(held!.targetIds[0]!)).toEqual([expect.objectContaining({ id: queued!.id, state: "ACKNOWLEDGED", attempts: 1, queuedAt: queued!.queuedAt })]);
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(keysOf([sent!, held!]));
  });

  it("a QUEUED row of a due post past the spacing is claimed by the batch itself (compare-and-set QUEUED → SENT)", async () => {
    vi.stubEnv("PUBLISH_ACCOUNT_SPACING_MS", "");
    const fake = install(new FakeNetwork());
    const time = sharedClock(fake);
    const organizationId = await fixtures.org("Spacing Queued Batch Co");
    const x = await fixtures.account(organizationId, "X");
    const [sent, held] = await duePosts(organizationId, [x], 2);
    await publishTarget({ organizationId, targetId: sent!.targetIds[0]!, scheduleVersion: 1, now: time.now() });
    await expect(publishTarget({ organizationId, targetId: held!.targetIds[0]!, scheduleVersion: 1, now: time.now() })).rejects.toThrow(/Throttled/);
    const [queued] = await ledgerOf(held!.targetIds[0]!);

    time.advance(X_SPACING_MS + 1_000);
    expect(await dispatchDuePosts({ organizationId, now: time.now() })).toMatchObject({ claimed: 1, published: 1, retrying: 0 });

    expect(await ledgerOf(held!.targetIds[0]!)).toEqual([expect.objectContaining({ id: queued!.id, state: "ACKNOWLEDGED", attempts: 1, queuedAt: queued!.queuedAt })]);
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(keysOf([sent!, held!]));
    expect((await postOf(held!.id)).status).toBe("PUBLISHED");
  });
});

describe("a mixed batch", () => {
  const MISSING_MEDIA_ID = randomUUID();
  const kinds = ["healthy", "disconnected", "unreadable", "missingMedia", "rateLimited", "refused", "duplicate", "lostAnswer", "unauthorized"] as const;
  type Kind = (typeof kinds)[number];

  /**
   * One organization whose due posts meet every way off the common path, one post per kind (two
   * healthy ones). The network is one fake for every account, told per account what to answer.
   */
  async function mixedOrganization(fake: FakeNetwork, label: string) {
    const organizationId = await fixtures.org(label);
    const db = systemDb();
    const targets = new Map<string, Kind>();
    const posts: TestPost[] = [];
    for (const kind of kinds) {
      const account = await fixtures.account(organizationId, "X", kind === "disconnected" ? { status: "NEEDS_RECONNECT" } : {});
      if (kind === "unreadable") await db.socialAccount.update({ where: { id: account.id }, data: { accessTokenEnc: "not-a-ciphertext" } });
      if (kind === "rateLimited") fake.queueFor(account.externalId, { kind: "error", error: rateLimited() });
      if (kind === "refused") fake.queueFor(account.externalId, { kind: "error", error: refused() });
      if (kind === "lostAnswer") fake.queueFor(account.externalId, { kind: "drop-after" });
      if (kind === "unauthorized") fake.queueFor(account.externalId, { kind: "error", error: expiredToken() });
      for (const post of await duePosts(organizationId, [account], kind === "healthy" ? 2 : 1)) {
        if (kind === "missingMedia") await db.post.update({ where: { id: post.id }, data: { mediaIds: [MISSING_MEDIA_ID] } });
        if (kind === "duplicate") {
          // Someone posted the same text on this account two hours ago (not an attempt of ours).
          const { content } = await postOf(post.id);
          fake.seedPost(account.externalId, { text: content, media: [], idempotencyKey: `by-hand-${randomUUID()}` }, new Date(Date.now() - 2 * 3_600_000));
        }
        targets.set(post.targetIds[0]!, kind);
        posts.push(post);
      }
    }
    return { organizationId, targets, posts };
  }

  /** What a target ended as, without ids and times: ledger, target, post, account and the alerts about them. */
  async function endStates(organizationId: string, targets: ReadonlyMap<string, Kind>) {
    const alerts = await alertsOf(organizationId);
    const states: [string, unknown][] = [];
    for (const [targetId, kind] of [...targets].sort((a, b) => a[1].localeCompare(b[1]))) {
      const ledger = (await ledgerOf(targetId)).map((l) => ({ state: l.state, attempts: l.attempts, errorCode: l.errorCode, error: l.error, retryable: l.retryable }));
      const target = await targetOf(targetId);
      const account = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: target.socialAccountId } });
      const about = alerts.filter((a) => a.postId === target.postId || (a.postId === null && a.socialAccountId === account.id));
      states.push([
        kind,
        {
          ledger,
          target: { status: target.status, lastError: target.lastError, lastErrorCode: target.lastErrorCode, published: target.externalId !== null },
          post: (await postOf(target.postId)).status,
          account: account.status,
          alerts: about.map((a) => ({ kind: a.kind, title: a.title, body: a.body })).sort((x, y) => x.kind.localeCompare(y.kind)),
        },
      ]);
    }
    return states;
  }

  it("unusable accounts and error answers go through the per-target path and end as publishTarget leaves them; the rest of the batch publishes", async () => {
    const fake = install(new FakeNetwork({ refusesDuplicates: true }));
    const batched = await mixedOrganization(fake, "Mixed Batch Co");
    const oneByOne = await mixedOrganization(fake, "Mixed One By One Co");

    const result = await dispatchDuePosts({ organizationId: batched.organizationId, batchSize: 50 });
    for (const post of oneByOne.posts) {
      await publishTarget({ organizationId: oneByOne.organizationId, targetId: post.targetIds[0]!, scheduleVersion: post.scheduleVersion }).catch((error: unknown) => error);
    }

    // Published: two healthy, and the 401 (renewed once, sent once more). Failed: disconnected,
    // unreadable credentials, missing media, refused. To retry: the 429, the duplicate refusal
    // (looked up, not visible), the lost answer.
    expect(result).toMatchObject({ claimed: 10, targets: 10, published: 3, failed: 4, retrying: 3, unknown: 0, cancelled: 0 });
    const batchedStates = await endStates(batched.organizationId, batched.targets);
    expect(batchedStates).toEqual(await endStates(oneByOne.organizationId, oneByOne.targets));
    // Spot checks of what both paths agree on.
    const byKind = new Map(batchedStates as [Kind, { ledger: { state: string; errorCode: string | null; attempts: number }[]; target: { status: string }; account: string }][]);
    expect(byKind.get("healthy")).toMatchObject({ ledger: [{ state: "ACKNOWLEDGED", attempts: 1 }], target: { status: "PUBLISHED" } });
    expect(byKind.get("disconnected")).toMatchObject({ ledger: [{ state: "FAILED", errorCode: "ACCOUNT_NOT_CONNECTED", attempts: 0 }], target: { status: "FAILED" } });
    expect(byKind.get("unreadable")).toMatchObject({ ledger: [{ state: "FAILED", errorCode: "CREDENTIALS_UNREADABLE" }], account: "NEEDS_RECONNECT" });
    expect(byKind.get("missingMedia")).toMatchObject({ ledger: [{ state: "FAILED", errorCode: "MEDIA_MISSING", attempts: 0 }] });
    expect(byKind.get("rateLimited")).toMatchObject({ ledger: [{ state: "QUEUED", errorCode: "RATE_LIMITED", attempts: 1 }], target: { status: "PUBLISHING" } });
    expect(byKind.get("refused")).toMatchObject({ ledger: [{ state: "FAILED", errorCode: "INVALID_CONTENT", attempts: 1 }], target: { status: "FAILED" } });
    expect(byKind.get("duplicate")).toMatchObject({ ledger: [{ state: "SENT", errorCode: "DUPLICATE_CONTENT" }], target: { status: "PUBLISHING" } });
    expect(byKind.get("lostAnswer")).toMatchObject({ ledger: [{ state: "SENT", errorCode: "TRANSIENT" }], target: { status: "PUBLISHING" } });
    expect(byKind.get("unauthorized")).toMatchObject({ ledger: [{ state: "ACKNOWLEDGED", attempts: 2 }], target: { status: "PUBLISHED" }, account: "CONNECTED" });

    // The sweep resolves what was left, never posting anything twice: the 429 goes out, the lost
    // answer is found on the network, the duplicate of someone else's post is left to the user.
    const stuck = await retryStuckTargets({ organizationId: batched.organizationId, now: new Date(Date.now() + SEND_LEASE_MS + 60_000) });
    expect(stuck).toMatchObject({ found: 3, published: 2, unknown: 1 });
    const final = new Map(await endStates(batched.organizationId, batched.targets));
    expect(final.get("rateLimited")).toMatchObject({ ledger: [{ state: "ACKNOWLEDGED", attempts: 2 }] });
    expect(final.get("lostAnswer")).toMatchObject({ ledger: [{ state: "ACKNOWLEDGED", attempts: 1 }] });
    expect(final.get("duplicate")).toMatchObject({ ledger: [{ state: "OUTCOME_UNKNOWN", errorCode: "DUPLICATE_CONTENT" }] });
    const sentKeys = fake.publishCalls.map((c) => c.idempotencyKey).filter((key) => batched.targets.has(key.split(":")[0] ?? ""));
    const sends = new Map<string, number>();
    for (const key of sentKeys) sends.set(key, (sends.get(key) ?? 0) + 1);
    const sendsOf = (kind: Kind) => [...batched.targets].filter(([, k]) => k === kind).map(([id]) => sends.get(`${id}:v1`) ?? 0);
    expect(kinds.map((kind) => [kind, sendsOf(kind)])).toEqual([
      ["healthy", [1, 1]],
      ["disconnected", [0]],
      ["unreadable", [0]],
      ["missingMedia", [0]],
      ["rateLimited", [2]],
      ["refused", [1]],
      ["duplicate", [1]],
      ["lostAnswer", [1]],
      // A 401 is answered before anything is written: renewed, then sent once more.
      ["unauthorized", [2]],
    ]);
  });
});

describe("a worker that dies after its claim", () => {
  it("the SENT rows wait out the lease, then recovery looks them up: found is recorded, certainly absent is sent once, not visible is never re-sent", async () => {
    // X answers lookups by idempotency key (certain either way); LinkedIn only by its timeline, which lags.
    const x = install(new FakeNetwork({ network: "X", lookup: "key" }));
    const linkedin = install(new FakeNetwork({ network: "LINKEDIN", lookup: "timeline", lookupLagMs: 10 * 60_000 }));
    const time = sharedClock(x);
    linkedin.now = time.now;
    const organizationId = await fixtures.org("Crash Co");
    const accounts = {
      healthy: await fixtures.account(organizationId, "X"),
      beforeWrite: await fixtures.account(organizationId, "X"),
      afterWrite: await fixtures.account(organizationId, "X"),
      timeline: await fixtures.account(organizationId, "LINKEDIN"),
    };
    x.queueFor(accounts.beforeWrite.externalId, { kind: "hang-before" });
    x.queueFor(accounts.afterWrite.externalId, { kind: "hang-after" });
    linkedin.queueFor(accounts.timeline.externalId, { kind: "hang-before" });
    const posts = {
      healthy: await fixtures.scheduledPost(organizationId, [accounts.healthy], { scheduledAt: minutesAgo(1) }),
      beforeWrite: await fixtures.scheduledPost(organizationId, [accounts.beforeWrite], { scheduledAt: minutesAgo(1) }),
      afterWrite: await fixtures.scheduledPost(organizationId, [accounts.afterWrite], { scheduledAt: minutesAgo(1) }),
      timeline: await fixtures.scheduledPost(organizationId, [accounts.timeline], { scheduledAt: minutesAgo(1) }),
    };
    const target = (name: keyof typeof posts) => posts[name].targetIds[0]!;

    // The dispatcher claims all four and calls the network; three calls never return. It is never
    // awaited again: from here on it is a dead worker.
    void dispatchDuePosts({ organizationId, now: time.now() });
    await Promise.all([x.whenPublishCalls(3), linkedin.whenPublishCalls(1)]);

    for (const name of ["beforeWrite", "afterWrite", "timeline"] as const) {
      expect(await ledgerOf(target(name))).toEqual([expect.objectContaining({ state: "SENT", attempts: 1, error: null })]);
    }
    // The answer that did come back is recorded while the others hang, so the crash cannot lose it.
    const deadline = Date.now() + 15_000;
    while ((await targetOf(target("healthy"))).status !== "PUBLISHED" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await targetOf(target("healthy"))).toMatchObject({ status: "PUBLISHED" });
    expect((await ledgerOf(target("healthy")))[0]).toMatchObject({ state: "ACKNOWLEDGED" });

    // Inside the lease nobody touches the rows: they may still be in flight.
    time.advance(60_000);
    expect(await retryStuckTargets({ organizationId, now: time.now() })).toMatchObject({ found: 0 });
    expect(await dispatchDuePosts({ organizationId, now: time.now() })).toMatchObject({ claimed: 0 });
    await expect(publishTarget({ organizationId, targetId: target("beforeWrite"), scheduleVersion: 1, now: time.now() })).rejects.toThrow(/Already in flight/);
    expect(x.publishCalls).toHaveLength(3);
    expect(linkedin.publishCalls).toHaveLength(1);

    // Past the lease: recovery asks the network before anything is sent again.
    time.advance(SEND_LEASE_MS);
    const recovered = await retryStuckTargets({ organizationId, now: time.now() });

    expect(recovered).toMatchObject({ found: 3, published: 2, retrying: 1 });
    // Certainly absent (looked up by key): sent once more, one post on the network.
    expect(await ledgerOf(target("beforeWrite"))).toEqual([expect.objectContaining({ state: "ACKNOWLEDGED", attempts: 2 })]);
    expect(x.postsFor(accounts.beforeWrite.externalId)).toHaveLength(1);
    // Found: the post the dead worker made is recorded, nothing is sent.
    const [made] = x.postsFor(accounts.afterWrite.externalId);
    expect(await ledgerOf(target("afterWrite"))).toEqual([expect.objectContaining({ state: "ACKNOWLEDGED", attempts: 1, externalId: made?.externalId })]);
    expect(x.publishCalls.filter((c) => c.idempotencyKey === `${target("afterWrite")}:v1`)).toHaveLength(1);
    // Not visible inside the timeline's lag window: wait, never re-send.
    expect(await ledgerOf(target("timeline"))).toEqual([expect.objectContaining({ state: "SENT", attempts: 1, errorCode: "NOT_VISIBLE_YET" })]);
    expect(linkedin.publishCalls).toHaveLength(1);

    // Past the window without proof either way: the user decides; still never re-sent.
    time.advance(10 * 60_000);
    expect(await retryStuckTargets({ organizationId, now: time.now() })).toMatchObject({ found: 1, unknown: 1 });
    expect(await ledgerOf(target("timeline"))).toEqual([expect.objectContaining({ state: "OUTCOME_UNKNOWN", attempts: 1 })]);
    expect(linkedin.publishCalls).toHaveLength(1);
    expect(x.publishCalls).toHaveLength(4);
    expect((await postOf(posts.timeline.id)).status).toBe("OUTCOME_UNKNOWN");
    for (const name of ["healthy", "beforeWrite", "afterWrite"] as const) expect((await postOf(posts[name].id)).status).toBe("PUBLISHED");
  });
});

describe("tokens that expire within minutes", () => {
  it("are renewed once per account before anything is sent, across parallel batches; every publish presents the renewed token", async () => {
    const TWO_HOURS = 2 * 3_600_000;
    const fake = install(new FakeNetwork({ tokens: { accessTtlMs: TWO_HOURS }, refreshDelayMs: 100 }));
    const time = sharedClock(fake, new Date(Date.now() - TWO_HOURS - 60_000));
    const expired = fake.connect(); // expired a minute ago
    time.advance(4 * 60_000);
    const soon = fake.connect(); // expires in three minutes
    time.advance(TWO_HOURS - 4 * 60_000 + 60_000);
    const fresh = fake.connect(); // two hours left
    const organizationId = await fixtures.org("Expiring Tokens Co");
    const connect = (tokens: typeof soon) => fixtures.account(organizationId, "X", { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, tokenExpiresAt: tokens.expiresAt });
    const accounts = { expired: await connect(expired), soon: await connect(soon), fresh: await connect(fresh) };
    const posts = [
      ...(await duePosts(organizationId, [accounts.soon], 4)),
      ...(await duePosts(organizationId, [accounts.expired], 4)),
      // A post on an expiring and a fresh account: the fresh target need not wait for the renewal.
      ...(await duePosts(organizationId, [accounts.soon, accounts.fresh], 2)),
    ];

    const result = await dispatchDuePosts({ organizationId, now: time.now(), batchSize: 2, batchesPerOrganization: 2 });

    expect(result).toMatchObject({ claimed: 10, targets: 12, published: 12, failed: 0, retrying: 0 });
    expect([...fake.refreshCalls].sort()).toEqual([expired.refreshToken, soon.refreshToken].sort());
    expect(fake.reusedRefreshTokens).toEqual([]);
    // No 401 anywhere: one call per target, each with a token the network accepts.
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(keysOf(posts));
    const stored = async (account: TestAccount) => {
      const row = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: account.id } });
      return { status: row.status, accessToken: decryptSecret(row.accessTokenEnc ?? "") };
    };
    const targetAccount = new Map<string, string>();
    for (const target of await systemDb().postTarget.findMany({ where: { postId: { in: posts.map((p) => p.id) } } })) targetAccount.set(target.id, target.socialAccountId);
    const tokensBy = (account: TestAccount) => new Set(fake.publishCalls.flatMap((c, i) => (targetAccount.get(c.idempotencyKey.split(":")[0] ?? "") === account.id ? [fake.publishTokens[i]] : [])));
    for (const name of ["expired", "soon"] as const) {
      const now = await stored(accounts[name]);
      expect(now.status).toBe("CONNECTED");
      expect(now.accessToken).not.toBe((name === "soon" ? soon : expired).accessToken);
      expect(tokensBy(accounts[name])).toEqual(new Set([now.accessToken]));
    }
    expect(tokensBy(accounts.fresh)).toEqual(new Set([fresh.accessToken]));
    await expectPublishedOnce(posts);
  });
});
