import "./env";
import { disconnectAll, systemDb } from "@mg/db/system";
import { sandboxPostsFor } from "@mg/integrations";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { dispatchDuePosts, startLocalScheduler } from "../../src/local-scheduler";
import { retryStuckTargets, runPublishingSweep, verifyAcknowledged } from "../../src/publishing/sweep";
import { FakeNetwork, rateLimited } from "./fake-network";
import { alertsOf, ledgerOf, PublishingFixtures, postOf, targetOf } from "./fixtures";

/**
 * The engine-less path. Every call is scoped to the test's organization: other test files share
 * the database and their due posts are not ours to publish.
 */
const fixtures = new PublishingFixtures();
let fake: FakeNetwork | undefined;

afterEach(() => fake?.uninstall());
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const minutesAhead = (m: number) => new Date(Date.now() + m * 60_000);

describe("dispatchDuePosts", () => {
  it("two concurrent dispatchers never take the same post: every target is posted exactly once", async () => {
    fake = new FakeNetwork({ supportsIdempotency: false }).install();
    const organizationId = await fixtures.org("Dispatch Race Co");
    const accounts = [await fixtures.account(organizationId, "X"), await fixtures.account(organizationId, "X")];
    const posts = [];
    for (let i = 0; i < 12; i++) posts.push(await fixtures.scheduledPost(organizationId, accounts, { scheduledAt: minutesAgo(1) }));
    const notDue = await fixtures.scheduledPost(organizationId, accounts, { scheduledAt: minutesAhead(30) });

    const [a, b] = await Promise.all([
      dispatchDuePosts({ organizationId, limit: 100, concurrency: 4 }),
      dispatchDuePosts({ organizationId, limit: 100, concurrency: 4 }),
    ]);

    expect(a.claimed + b.claimed).toBe(12);
    expect(a.published + b.published).toBe(24);
    expect(a.retrying + b.retrying + a.failed + b.failed).toBe(0);
    expect(fake.publishCalls).toHaveLength(24);
    expect(new Set(fake.publishCalls.map((c) => c.idempotencyKey)).size).toBe(24);
    for (const post of posts) expect((await postOf(post.id)).status).toBe("PUBLISHED");
    expect((await postOf(notDue.id)).status).toBe("SCHEDULED");

    // Nothing left: a third pass claims nothing and sends nothing.
    expect(await dispatchDuePosts({ organizationId })).toMatchObject({ claimed: 0, targets: 0 });
    expect(fake.publishCalls).toHaveLength(24);
  });

  it("publishes a post that missed its time (engine down) and raises POST_MISSED", async () => {
    const organizationId = await fixtures.org("Dispatch Missed Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(45) });

    const result = await dispatchDuePosts({ organizationId });

    expect(result).toMatchObject({ claimed: 1, targets: 1, published: 1, missed: 1 });
    expect(await sandboxPostsFor(account.externalId)).toHaveLength(1);
    expect(await alertsOf(organizationId)).toEqual([expect.objectContaining({ kind: "POST_MISSED", postId: post.id, body: expect.stringContaining("45 minutes late") })]);
    expect((await postOf(post.id)).missedAt).toBeInstanceOf(Date);
  });

  it("a due post whose every target was cancelled is cancelled, not left publishing", async () => {
    const organizationId = await fixtures.org("Dispatch Empty Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(1) });
    await systemDb().postTarget.updateMany({ where: { postId: post.id }, data: { status: "CANCELLED" } });

    expect(await dispatchDuePosts({ organizationId })).toMatchObject({ claimed: 1, targets: 0 });
    expect((await postOf(post.id)).status).toBe("CANCELLED");
    expect(await sandboxPostsFor(account.externalId)).toHaveLength(0);
  });

  it("with a grace period, leaves freshly due posts to the engine's own runs", async () => {
    const organizationId = await fixtures.org("Dispatch Grace Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const fresh = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(1) });

    expect(await dispatchDuePosts({ organizationId, graceMs: 2 * 60_000 })).toMatchObject({ claimed: 0 });
    expect((await postOf(fresh.id)).status).toBe("SCHEDULED");
  });

  it("skips drafts and leaves a rate-limited target for the next pass, which publishes it", async () => {
    fake = new FakeNetwork().install();
    const organizationId = await fixtures.org("Dispatch Retry Co");
    const account = await fixtures.account(organizationId, "X");
    const draft = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(1), status: "DRAFT" });
    const post = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(1) });
    fake.queue({ kind: "error", error: rateLimited() });

    const first = await dispatchDuePosts({ organizationId });
    expect(first).toMatchObject({ claimed: 1, retrying: 1, published: 0 });
    expect(await targetOf(post.targetIds[0]!)).toMatchObject({ status: "PUBLISHING", lastErrorCode: "RATE_LIMITED" });

    // Nothing is retried before the retry delay...
    expect(await retryStuckTargets({ organizationId })).toMatchObject({ found: 0 });
    // ...and after it, the stuck sweep publishes it.
    const later = await retryStuckTargets({ organizationId, now: minutesAhead(2) });

    expect(later).toMatchObject({ found: 1, published: 1 });
    expect(fake.postsFor(account.externalId)).toHaveLength(1);
    expect((await postOf(post.id)).status).toBe("PUBLISHED");
    expect((await postOf(draft.id)).status).toBe("DRAFT");
  });
});

describe("stuck targets and verification", () => {
  it("a target left SENT by a crashed worker is resolved through recovery, without a second post", async () => {
    fake = new FakeNetwork({ supportsIdempotency: false, lookup: "key" }).install();
    const organizationId = await fixtures.org("Stuck Co");
    const account = await fixtures.account(organizationId, "X");
    const post = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(10) });
    const targetId = post.targetIds[0]!;
    // The worker posted, then died before recording the answer.
    await systemDb().post.update({ where: { id: post.id }, data: { status: "PUBLISHING" } });
    await systemDb().postTarget.update({ where: { id: targetId }, data: { status: "PUBLISHING" } });
    await systemDb().publishLedger.create({
      data: { organizationId, postTargetId: targetId, scheduleVersion: 1, idempotencyKey: `${targetId}:v1`, state: "SENT", attempts: 1, sentAt: minutesAgo(9) },
    });
    const orphan = fake.seedPost(account.externalId, { text: "x", media: [], idempotencyKey: `${targetId}:v1` }, minutesAgo(9));

    const result = await retryStuckTargets({ organizationId });

    expect(result).toMatchObject({ found: 1, published: 1 });
    expect(fake.publishCalls).toHaveLength(0);
    expect(await targetOf(targetId)).toMatchObject({ status: "PUBLISHED", externalId: orphan.externalId });
    expect((await postOf(post.id)).status).toBe("PUBLISHED");
  });

  it("verifies acknowledged posts after the delay", async () => {
    const organizationId = await fixtures.org("Verify Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(1) });
    await dispatchDuePosts({ organizationId });

    expect(await verifyAcknowledged({ organizationId })).toMatchObject({ found: 0 });
    const later = await verifyAcknowledged({ organizationId, now: minutesAhead(2) });

    expect(later).toMatchObject({ found: 1, verified: 1 });
    expect((await ledgerOf(post.targetIds[0]!))[0]?.state).toBe("VERIFIED");
  });

  it("one sweep pass does all three", async () => {
    const organizationId = await fixtures.org("Sweep Co");
    const account = await fixtures.sandboxAccount(organizationId);
    await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(1) });

    const result = await runPublishingSweep({ organizationId });

    expect(result.dispatch).toMatchObject({ claimed: 1, published: 1 });
    expect(result.stuck).toMatchObject({ found: 0 });
    expect(result.verification).toMatchObject({ found: 0 });
  });
});

describe("startLocalScheduler", () => {
  it("publishes due posts on its own, logs what it does, and stops cleanly", async () => {
    const organizationId = await fixtures.org("Local Scheduler Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: minutesAgo(1) });
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(`WARN ${m}`) };

    const stop = startLocalScheduler({ intervalMs: 50, organizationId, logger });
    const deadline = Date.now() + 15_000;
    while ((await postOf(post.id)).status !== "PUBLISHED" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await stop();

    expect((await postOf(post.id)).status).toBe("PUBLISHED");
    expect(await sandboxPostsFor(account.externalId)).toHaveLength(1);
    expect(lines[0]).toMatch(/publishing due posts every 50 ms/);
    expect(lines).toContain("dispatched 1 due post(s), 1 target(s): 1 published, 0 failed, 0 stood down, 0 to retry");
    expect(lines.at(-1)).toBe("stopped");
  });
});
