import "./env";
import { InngestTestEngine } from "@inngest/test";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { publishPost } from "../../src/functions/publish-post";
import { publishRequested } from "../../src/functions/publish-requested";
import { expiredToken, FakeNetwork, rateLimited, refused, serverError } from "./fake-network";
import { alertsOf, ledgerOf, PublishingFixtures, postOf, targetOf, type TestPost } from "./fixtures";

const fixtures = new PublishingFixtures();
let fake: FakeNetwork | undefined;

afterEach(() => fake?.uninstall());
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

/**
 * Sleeps cannot run in the test engine: they are mocked as already over. A new array per engine:
 * the engine records step results into the array it was given.
 */
const sleeps = () => ["wait-until-scheduled", "wait-before-verify-1", "wait-before-verify-2", "wait-before-verify-3"].map((id) => ({ id, handler: () => undefined }));

/** A fresh engine per run: one engine memoizes step results, a new one is a new attempt / delivery. */
function runScheduled(post: TestPost, scheduleVersion = post.scheduleVersion) {
  return new InngestTestEngine({
    function: publishPost,
    events: [
      {
        name: "post/scheduled",
        data: { organizationId: post.organizationId, postId: post.id, scheduleVersion, scheduledAt: post.scheduledAt.toISOString() },
      },
    ],
    steps: sleeps(),
  }).execute();
}

function runRequested(post: TestPost, targetIds: string[] = []) {
  return new InngestTestEngine({
    function: publishRequested,
    events: [{ name: "post/publish.requested", data: { organizationId: post.organizationId, postId: post.id, scheduleVersion: post.scheduleVersion, targetIds } }],
    steps: sleeps(),
  }).execute();
}

async function setup(options: ConstructorParameters<typeof FakeNetwork>[0] = {}, accounts = 1) {
  fake = new FakeNetwork(options).install();
  const organizationId = await fixtures.org();
  const list = [];
  for (let i = 0; i < accounts; i++) list.push(await fixtures.account(organizationId, "X"));
  const post = await fixtures.scheduledPost(organizationId, list);
  return { fake, organizationId, accounts: list, post };
}

describe("publish-post: happy path", () => {
  it("publishes each target exactly once, acknowledges, then verifies it live", async () => {
    const { fake, accounts, post } = await setup({}, 2);

    const { result, error } = await runScheduled(post);

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "done", lateMinutes: 0 });
    expect(fake.publishCalls).toHaveLength(2);
    for (const [i, targetId] of post.targetIds.entries()) {
      const account = accounts[i]!;
      expect(fake.postsFor(account.externalId)).toHaveLength(1);
      const [ledger, ...more] = await ledgerOf(targetId);
      expect(more).toHaveLength(0);
      expect(ledger).toMatchObject({ state: "VERIFIED", attempts: 1, idempotencyKey: `${targetId}:v1`, retryable: null });
      expect(ledger!.acknowledgedAt).toBeInstanceOf(Date);
      expect(ledger!.verifiedAt).toBeInstanceOf(Date);
      const target = await targetOf(targetId);
      expect(target).toMatchObject({ status: "PUBLISHED", externalId: ledger!.externalId, lastError: null });
      expect(target.verifiedAt).toBeInstanceOf(Date);
    }
    const after = await postOf(post.id);
    expect(after.status).toBe("PUBLISHED");
    expect(after.publishedAt).toBeInstanceOf(Date);
    // The text sent is the post's content; the key is the ledger's.
    expect(fake.publishCalls.map((c) => c.idempotencyKey).sort()).toEqual(post.targetIds.map((id) => `${id}:v1`).sort());
    for (const call of fake.publishCalls) expect(call.text).toBe(after.content);
  });

  it("sends a target's variant text and first comment instead of the base content", async () => {
    const { fake, post } = await setup();
    await systemDb().postTarget.update({ where: { id: post.targetIds[0] }, data: { variantContent: "Variant for X", variantFirstComment: "#launch" } });

    await runScheduled(post);

    expect(fake.publishCalls).toEqual([expect.objectContaining({ text: "Variant for X", firstComment: "#launch" })]);
  });
});

describe("publish-post: retries never post twice", () => {
  it("a second delivery of the same event finds the ledger acknowledged and does not call the network", async () => {
    const { fake, post } = await setup();

    await runScheduled(post);
    const second = await runScheduled(post);

    expect(second.error).toBeUndefined();
    expect(fake.publishCalls).toHaveLength(1);
    // Published targets are not even attempted again.
    expect(second.result).toMatchObject({ status: "done", outcomes: [] });
    expect(await ledgerOf(post.targetIds[0]!)).toEqual([expect.objectContaining({ state: "VERIFIED", attempts: 1 })]);
  });

  it("a post created but unanswered (timeout) is found by its key on the retry instead of being sent again", async () => {
    const { fake, accounts, post } = await setup({ supportsIdempotency: false, lookup: "key" });
    fake.queue({ kind: "drop-after" });
    const [targetId] = post.targetIds as [string];

    const first = await runScheduled(post);
    expect(first.error).toMatchObject({ name: "PublishRetryableError" });
    expect(await ledgerOf(targetId)).toEqual([expect.objectContaining({ state: "SENT", retryable: true, errorCode: "TRANSIENT" })]);
    expect((await targetOf(targetId)).status).toBe("PUBLISHING");

    const retry = await runScheduled(post);

    expect(retry.error).toBeUndefined();
    expect(fake.publishCalls).toHaveLength(1);
    expect(fake.postsFor(accounts[0]!.externalId)).toHaveLength(1);
    const [ledger] = await ledgerOf(targetId);
    // Looking is not sending: one attempt, found by its key.
    expect(ledger).toMatchObject({ state: "VERIFIED", attempts: 1, externalId: fake.postsFor(accounts[0]!.externalId)[0]!.externalId });
  });

  it("on a network with idempotency keys the retry resends the same key and the network dedupes it", async () => {
    const { fake, accounts, post } = await setup({ supportsIdempotency: true });
    fake.queue({ kind: "drop-after" });

    await runScheduled(post);
    const retry = await runScheduled(post);

    expect(retry.error).toBeUndefined();
    expect(fake.publishCalls.map((c) => c.idempotencyKey)).toEqual([`${post.targetIds[0]}:v1`, `${post.targetIds[0]}:v1`]);
    expect(fake.postsFor(accounts[0]!.externalId)).toHaveLength(1);
    expect((await ledgerOf(post.targetIds[0]!))[0]?.state).toBe("VERIFIED");
  });

  it("when the network cannot tell whether the post exists, the retry asks the user instead of risking a double post", async () => {
    const { fake, post } = await setup({ supportsIdempotency: false, lookup: "unsupported" });
    fake.queue({ kind: "drop-after" });

    await runScheduled(post);
    const retry = await runScheduled(post);

    // No second post; waiting cannot bring proof, so the user decides (outcome-unknown.test.ts follows it to the end).
    expect(retry.error).toBeUndefined();
    expect(fake.publishCalls).toHaveLength(1);
    expect(await targetOf(post.targetIds[0]!)).toMatchObject({ status: "OUTCOME_UNKNOWN" });
    expect(await ledgerOf(post.targetIds[0]!)).toEqual([expect.objectContaining({ state: "OUTCOME_UNKNOWN", errorCode: "LOOKUP_UNSUPPORTED" })]);
  });

  it("a 5xx answer puts the row back in the queue; the retry publishes once", async () => {
    const { fake, accounts, post } = await setup();
    fake.queue({ kind: "error", error: serverError() });

    const first = await runScheduled(post);
    expect(first.error).toMatchObject({ name: "PublishRetryableError", message: expect.stringContaining("503") });
    expect(await ledgerOf(post.targetIds[0]!)).toEqual([expect.objectContaining({ state: "QUEUED", attempts: 1, error: "Service Unavailable" })]);

    await runScheduled(post);

    expect(fake.postsFor(accounts[0]!.externalId)).toHaveLength(1);
    expect((await ledgerOf(post.targetIds[0]!))[0]).toMatchObject({ state: "VERIFIED", attempts: 2, error: null });
  });
});

describe("publish-post: cancellation", () => {
  it("is cancelled by post/cancelled and by a newer post/scheduled for the same post", () => {
    const cancelOn = publishPost.opts.cancelOn ?? [];
    expect(cancelOn.map((c) => (typeof c.event === "string" ? c.event : c.event.name))).toEqual(["post/cancelled", "post/scheduled"]);
    for (const c of cancelOn) {
      expect(c.if).toBe("async.data.postId == event.data.postId && async.data.scheduleVersion > event.data.scheduleVersion");
    }
  });

  it("a run for an older version stands down when it wakes: nothing is posted", async () => {
    const { fake, post } = await setup();
    await systemDb().post.update({ where: { id: post.id }, data: { scheduleVersion: 2 } });

    const { result, error } = await runScheduled(post, 1);

    expect(error).toBeUndefined();
    expect(result).toEqual({ status: "stood-down", reason: "Superseded by a newer schedule (v2)." });
    expect(fake.publishCalls).toHaveLength(0);
    expect(await ledgerOf(post.targetIds[0]!)).toEqual([]);
    expect((await postOf(post.id)).status).toBe("SCHEDULED");
  });

  it("a cancelled post is not published", async () => {
    const { fake, post } = await setup();
    await systemDb().post.update({ where: { id: post.id }, data: { status: "CANCELLED" } });
    await systemDb().postTarget.updateMany({ where: { postId: post.id }, data: { status: "CANCELLED" } });

    const { result } = await runScheduled(post);

    expect(result).toMatchObject({ status: "stood-down" });
    expect(fake.publishCalls).toHaveLength(0);
  });

  it("a reschedule between waking and publishing stops the publish step itself", async () => {
    const { fake, post } = await setup();
    const engine = new InngestTestEngine({
      function: publishPost,
      events: [{ name: "post/scheduled", data: { organizationId: post.organizationId, postId: post.id, scheduleVersion: 1, scheduledAt: post.scheduledAt.toISOString() } }],
      steps: [
        ...sleeps(),
        {
          id: "load-post",
          // The post is rescheduled right after the run read it.
          handler: async () => {
            await systemDb().post.update({ where: { id: post.id }, data: { scheduleVersion: 2 } });
            return { status: "ready", targetIds: post.targetIds, lateMinutes: 0, missed: false };
          },
        },
      ],
    });

    const { result } = await engine.execute();

    expect(result).toMatchObject({ outcomes: [{ targetId: post.targetIds[0], state: "CANCELLED", error: "Superseded by a newer schedule (v2)." }] });
    expect(fake.publishCalls).toHaveLength(0);
  });
});

describe("publish-post: failing network", () => {
  it("a definitive refusal fails the target with the network's own message and raises one alert", async () => {
    const { fake, organizationId, post } = await setup();
    fake.queue({ kind: "error", error: refused() });

    const { result, error } = await runScheduled(post);
    await runScheduled(post); // a second delivery neither re-sends nor re-alerts

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcomes: [{ state: "FAILED", error: "Your post is too long for this account.", errorCode: "INVALID_CONTENT" }] });
    expect(fake.publishCalls).toHaveLength(1);
    expect(await targetOf(post.targetIds[0]!)).toMatchObject({
      status: "FAILED",
      lastError: "Your post is too long for this account.",
      lastErrorCode: "INVALID_CONTENT",
    });
    expect(await ledgerOf(post.targetIds[0]!)).toEqual([expect.objectContaining({ state: "FAILED", retryable: false, errorCode: "INVALID_CONTENT" })]);
    expect((await postOf(post.id)).status).toBe("FAILED");
    const alerts = await alertsOf(organizationId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "PUBLISH_FAILED", body: "Your post is too long for this account.", postId: post.id });
  });

  it("a 429 is rethrown as RetryAfterError with the network's delay; nothing is marked failed", async () => {
    const { fake, post } = await setup();
    fake.queue({ kind: "error", error: rateLimited("X", 30) });

    const { error } = await runScheduled(post);

    expect(error).toMatchObject({ name: "RetryAfterError", message: expect.stringContaining("posting limit reached") });
    expect(await ledgerOf(post.targetIds[0]!)).toEqual([expect.objectContaining({ state: "QUEUED", errorCode: "RATE_LIMITED", retryable: true })]);
    expect(await targetOf(post.targetIds[0]!)).toMatchObject({ status: "PUBLISHING", lastErrorCode: "RATE_LIMITED" });
    expect((await postOf(post.id)).status).toBe("PUBLISHING");
  });

  it("a token refused twice (after one renewal) fails the target, flags the account and asks for a reconnect", async () => {
    const { fake, organizationId, accounts, post } = await setup();
    fake.queue({ kind: "error", error: expiredToken() }, { kind: "error", error: expiredToken() });

    await runScheduled(post);

    expect(fake.refreshCalls).toEqual(["refresh-token"]);
    expect(fake.publishCalls).toHaveLength(2);
    expect(await targetOf(post.targetIds[0]!)).toMatchObject({ status: "FAILED", lastErrorCode: "AUTH_EXPIRED" });
    const account = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: accounts[0]!.id } });
    expect(account).toMatchObject({ status: "NEEDS_RECONNECT", lastError: "Unauthorized: the access token was revoked" });
    expect((await alertsOf(organizationId)).map((a) => a.kind).sort()).toEqual(["ACCOUNT_RECONNECT", "PUBLISH_FAILED"]);
  });

  it("an account that needs reconnecting is not called; the target says to reconnect", async () => {
    const { fake, post, accounts } = await setup();
    await systemDb().socialAccount.update({ where: { id: accounts[0]!.id }, data: { status: "NEEDS_RECONNECT" } });

    await runScheduled(post);

    expect(fake.publishCalls).toHaveLength(0);
    const target = await targetOf(post.targetIds[0]!);
    expect(target).toMatchObject({ status: "FAILED", lastErrorCode: "ACCOUNT_NOT_CONNECTED" });
    expect(target.lastError).toContain("reconnect the account");
  });

  it("one target refused and one published leaves the post PARTIAL; the one-click retry publishes only the failed one", async () => {
    const { fake, accounts, post } = await setup({}, 2);
    fake.queue({ kind: "error", error: refused() });

    await runScheduled(post);
    expect((await postOf(post.id)).status).toBe("PARTIAL");
    const failed = await systemDb().postTarget.findFirstOrThrow({ where: { postId: post.id, status: "FAILED" } });

    const retry = await runRequested(post, [failed.id]);

    expect(retry.error).toBeUndefined();
    expect(fake.publishCalls).toHaveLength(3);
    for (const account of accounts) expect(fake.postsFor(account.externalId)).toHaveLength(1);
    expect((await postOf(post.id)).status).toBe("PUBLISHED");
    expect((await ledgerOf(failed.id))[0]).toMatchObject({ state: "VERIFIED", attempts: 2, error: null });
    expect(await targetOf(failed.id)).toMatchObject({ status: "PUBLISHED", lastError: null, lastErrorCode: null });
  });
});

describe("publish-post: missed time", () => {
  it("a run that wakes long after the scheduled time still publishes and raises POST_MISSED", async () => {
    fake = new FakeNetwork().install();
    const organizationId = await fixtures.org();
    const account = await fixtures.account(organizationId, "X");
    const post = await fixtures.scheduledPost(organizationId, [account], { scheduledAt: new Date(Date.now() - 40 * 60_000) });

    const { result } = await runScheduled(post);

    expect(result).toMatchObject({ status: "done", lateMinutes: 40 });
    expect(fake.publishCalls).toHaveLength(1);
    const alerts = await alertsOf(organizationId);
    expect(alerts).toEqual([expect.objectContaining({ kind: "POST_MISSED", postId: post.id, body: expect.stringContaining("40 minutes late") })]);
    expect((await postOf(post.id)).missedAt).toBeInstanceOf(Date);
  });
});
