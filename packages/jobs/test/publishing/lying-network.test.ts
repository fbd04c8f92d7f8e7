import "./env";
import { randomUUID } from "node:crypto";
import { disconnectAll, systemDb } from "@mg/db/system";
import { NetworkError } from "@mg/integrations/types";
import { RetryAfterError } from "inngest";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { LOOKUP_RETRY_MS, PUBLISH_CLOCK_SKEW_MS } from "../../src/publishing/config";
import { publishTarget, PublishRetryableError, type PublishOutcome } from "../../src/publishing/publish-target";
import { retryStuckTargets } from "../../src/publishing/sweep";
import { verifyTarget } from "../../src/publishing/verify-target";
import { FakeNetwork, serverError, sharedClock, type FakeNetworkOptions } from "./fake-network";
import { alertsOf, ledgerOf, PublishingFixtures, postOf, targetOf } from "./fixtures";

/**
 * Exactly once against a network that lies like the real ones: answers lost before or after the
 * write, a timeline that shows new posts late (and later than documented), duplicate text refused,
 * lookups that cannot be made. The rules: a candidate must be made after the attempt (minus clock
 * skew) with its exact payload; "not visible" inside the lag window means wait, never resend; past
 * it with no proof the outcome is unknown and the user decides; a duplicate refusal is looked up,
 * never FAILED.
 */
const fixtures = new PublishingFixtures();
let fake: FakeNetwork | undefined;

afterEach(() => fake?.uninstall());
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

const LAG = 60_000;
/** When the window of an attempt sent at t0 closes. */
const WINDOW = LAG + PUBLISH_CLOCK_SKEW_MS;

async function setup(options: FakeNetworkOptions = {}, content = `Open house ${randomUUID().slice(0, 6)}`) {
  fake = new FakeNetwork(options).install();
  const time = sharedClock(fake);
  const organizationId = await fixtures.org("Lying Network Co");
  const account = await fixtures.account(organizationId, "X");
  const post = await fixtures.scheduledPost(organizationId, [account], { content });
  const targetId = post.targetIds[0]!;
  const input = () => ({ organizationId, targetId, scheduleVersion: post.scheduleVersion, now: time.now() });
  return { fake, time, organizationId, account, post, targetId, content, input };
}

/** The outcome, or the error a caller would retry on. */
async function attempt(promise: Promise<PublishOutcome>): Promise<PublishOutcome | Error> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
}

const secondsOf = (error: unknown) => Number((error as RetryAfterError).retryAfter);

describe("a lost answer on a network whose timeline lags", () => {
  it("not visible inside the lag window means wait and look again, never send again; then it is found", async () => {
    const { fake, time, account, targetId, input } = await setup({ lookupLagMs: LAG });
    fake.queue({ kind: "drop-after" });
    const sentAt = time.now();

    expect(await attempt(publishTarget(input()))).toBeInstanceOf(PublishRetryableError);

    time.advance(10_000);
    const early = await attempt(publishTarget(input()));
    expect(early).toBeInstanceOf(RetryAfterError);
    // One more look right after the window closes.
    expect(secondsOf(early)).toBe((WINDOW - 10_000) / 1000 + 1);
    expect(await ledgerOf(targetId)).toEqual([expect.objectContaining({ state: "SENT", attempts: 1, errorCode: "NOT_VISIBLE_YET" })]);
    expect(await targetOf(targetId)).toMatchObject({ status: "PUBLISHING" });

    time.advance(30_000);
    expect(await attempt(publishTarget(input()))).toBeInstanceOf(RetryAfterError);

    time.advance(25_000);
    const found = await publishTarget(input());

    const [made] = fake.postsFor(account.externalId);
    expect(found).toMatchObject({ state: "ACKNOWLEDGED", externalId: made?.externalId, sent: false });
    expect(fake.publishCalls).toHaveLength(1);
    expect(fake.postsFor(account.externalId)).toHaveLength(1);
    expect(fake.lookups.map((l) => l.createdAfter)).toEqual([0, 1, 2].map(() => new Date(sentAt.getTime() - PUBLISH_CLOCK_SKEW_MS)));
    expect(await targetOf(targetId)).toMatchObject({ status: "PUBLISHED", externalId: made?.externalId });
    expect(await verifyTarget(input())).toMatchObject({ state: "VERIFIED" });
  });

  it("past the window with still no proof, the target is OUTCOME_UNKNOWN, the organization is alerted, and nothing is sent again", async () => {
    // The network documents 60 s but really takes 10 minutes.
    const { fake, time, organizationId, post, targetId, input } = await setup({ lookupLagMs: LAG, actualLagMs: 10 * 60_000 });
    fake.queue({ kind: "drop-after" });
    await attempt(publishTarget(input()));
    time.advance(30_000);
    await attempt(publishTarget(input()));

    time.advance(WINDOW);
    const outcome = await publishTarget(input());
    const again = await publishTarget(input());

    expect(outcome).toMatchObject({ state: "OUTCOME_UNKNOWN", errorCode: "NOT_VISIBLE_YET" });
    expect(again).toMatchObject({ state: "OUTCOME_UNKNOWN" });
    expect(fake.publishCalls).toHaveLength(1);
    const target = await targetOf(targetId);
    expect(target).toMatchObject({ status: "OUTCOME_UNKNOWN", lastErrorCode: "OUTCOME_UNKNOWN" });
    expect(target.lastError).toMatch(/^We couldn't confirm this went out on FakeNet: FakeNet did not answer, and the post does not show on FakeNet\. Check X Account on FakeNet/);
    expect((await ledgerOf(targetId))[0]).toMatchObject({ state: "OUTCOME_UNKNOWN", outcomeUnknownAt: time.now(), retryable: false });
    expect((await postOf(post.id)).status).toBe("OUTCOME_UNKNOWN");
    const alerts = await alertsOf(organizationId);
    expect(alerts).toEqual([expect.objectContaining({ kind: "PUBLISH_UNCONFIRMED", title: "We couldn't confirm a post went out on FakeNet", postId: post.id })]);
  });

  it("a request that never reached the network is not matched to an older post with the same text (a recurring series)", async () => {
    const { fake, time, account, targetId, content, input } = await setup({ lookupLagMs: LAG }, "Open house every Monday at 9");
    const lastWeek = fake.seedPost(account.externalId, { text: content, media: [], firstComment: null, idempotencyKey: "older-occurrence" }, new Date(time.now().getTime() - 7 * 86_400_000));
    fake.queue({ kind: "drop-before" });

    await attempt(publishTarget(input()));
    time.advance(WINDOW + 1_000);
    const outcome = await publishTarget(input());

    expect(outcome.state).toBe("OUTCOME_UNKNOWN");
    expect(outcome.externalId).toBeUndefined();
    expect((await targetOf(targetId)).externalId).toBeNull();
    expect((await ledgerOf(targetId))[0]?.externalId).toBeNull();
    for (const lookup of fake.lookups) expect(lookup.createdAfter.getTime()).toBeGreaterThan(new Date(time.now().getTime() - 7 * 86_400_000).getTime());
    expect(fake.postsFor(account.externalId).map((p) => p.externalId)).toEqual([lastWeek.externalId]);
  });

  it("a matching post that another post of the account already owns is not this attempt's", async () => {
    const { fake, time, organizationId, account, targetId, content, input } = await setup({ lookupLagMs: LAG });
    // The same text posted twice on purpose: the first went out, the second's request was lost before the write.
    const twin = await fixtures.scheduledPost(organizationId, [account], { content });
    const twinOutcome = await publishTarget({ organizationId, targetId: twin.targetIds[0]!, scheduleVersion: 1, now: time.now() });
    time.advance(5_000);
    fake.queue({ kind: "drop-before" });

    await attempt(publishTarget(input()));
    time.advance(LAG + 1_000);
    expect(await attempt(publishTarget(input()))).toBeInstanceOf(RetryAfterError);
    time.advance(WINDOW);
    const outcome = await publishTarget(input());

    expect(outcome.state).toBe("OUTCOME_UNKNOWN");
    expect((await targetOf(targetId)).externalId).toBeNull();
    expect((await targetOf(twin.targetIds[0]!)).externalId).toBe(twinOutcome.externalId);
  });

  it("a network that cannot be asked (unsupported) asks the user at once — waiting cannot bring proof: never a blind resend, never FAILED", async () => {
    const { fake, time, targetId, input } = await setup({ lookup: "unsupported", lookupLagMs: LAG });
    fake.queue({ kind: "drop-after" });
    await attempt(publishTarget(input()));

    time.advance(20_000);
    const outcome = await publishTarget(input());

    expect(outcome).toMatchObject({ state: "OUTCOME_UNKNOWN", errorCode: "LOOKUP_UNSUPPORTED" });
    expect(outcome.error).toContain("cannot be asked whether the post exists (FakeNet offers no post lookup)");
    expect(fake.publishCalls).toHaveLength(1);
    expect(await targetOf(targetId)).toMatchObject({ status: "OUTCOME_UNKNOWN" });
  });

  it("lookups that fail are retried; a network that stays down past the window (and the retry time) leaves the outcome unknown, never FAILED", async () => {
    const { fake, time, targetId, input } = await setup({ lookupLagMs: LAG });
    fake.queue({ kind: "drop-after" });
    await attempt(publishTarget(input()));
    fake.lookupError = serverError();

    time.advance(WINDOW + 1_000);
    expect(await attempt(publishTarget(input()))).toBeInstanceOf(PublishRetryableError);
    expect((await ledgerOf(targetId))[0]).toMatchObject({ state: "SENT", errorCode: "LOOKUP_FAILED" });

    time.advance(LOOKUP_RETRY_MS);
    const outcome = await publishTarget(input());

    expect(outcome).toMatchObject({ state: "OUTCOME_UNKNOWN", errorCode: "LOOKUP_FAILED" });
    expect(fake.publishCalls).toHaveLength(1);
  });

  it("a lookup the account may not make (a 403 scope error) never fails the post", async () => {
    const { fake, time, targetId, input } = await setup({ lookupLagMs: LAG });
    fake.queue({ kind: "drop-after" });
    await attempt(publishTarget(input()));
    fake.lookupError = new NetworkError("X", "UNKNOWN", "Not enough permissions to read posts of this member", { status: 403 });

    time.advance(10_000);
    expect(await attempt(publishTarget(input()))).toBeInstanceOf(PublishRetryableError);
    time.advance(WINDOW);
    const outcome = await publishTarget(input());

    expect(outcome.state).toBe("OUTCOME_UNKNOWN");
    expect((await targetOf(targetId)).status).toBe("OUTCOME_UNKNOWN");
  });

  it("an account disconnected after a lost answer cannot be asked: the target waits out the window, then the user decides (never stuck publishing)", async () => {
    const { fake, time, account, targetId, input } = await setup({ lookupLagMs: LAG });
    fake.queue({ kind: "drop-after" });
    await attempt(publishTarget(input()));
    await systemDb().socialAccount.update({ where: { id: account.id }, data: { status: "NEEDS_RECONNECT" } });

    time.advance(10_000);
    expect(await attempt(publishTarget(input()))).toBeInstanceOf(RetryAfterError);
    time.advance(WINDOW);
    const outcome = await publishTarget(input());

    expect(outcome).toMatchObject({ state: "OUTCOME_UNKNOWN", errorCode: "ACCOUNT_UNAVAILABLE" });
    expect(outcome.error).toContain("X Account is disconnected, so FakeNet cannot be asked whether the post exists");
    expect(await targetOf(targetId)).toMatchObject({ status: "OUTCOME_UNKNOWN" });
    expect(fake.lookups).toHaveLength(0);
  });

  it("the sweep resolves a target left waiting: it looks again each pass and, past the window, counts it as unknown", async () => {
    const { fake, time, organizationId, post, input } = await setup({ lookupLagMs: LAG });
    // The request never reached the network: nothing will ever show, so only the window decides.
    fake.queue({ kind: "drop-before" });
    await systemDb().post.update({ where: { id: post.id }, data: { status: "PUBLISHING" } });
    await attempt(publishTarget(input()));

    const inside = await retryStuckTargets({ organizationId, now: time.advance(61_000) });
    const after = await retryStuckTargets({ organizationId, now: time.advance(WINDOW) });

    expect(inside).toMatchObject({ found: 1, retrying: 1, unknown: 0 });
    expect(after).toMatchObject({ found: 1, unknown: 1, failed: 0 });
    expect((await postOf(post.id)).status).toBe("OUTCOME_UNKNOWN");
    expect(fake.publishCalls).toHaveLength(1);
  });
});

describe("a network that refuses duplicate text", () => {
  it("a retry refused as a duplicate is looked up and recorded as published, never FAILED (the earlier attempt's answer lied)", async () => {
    const { fake, time, account, targetId, input } = await setup({ refusesDuplicates: true });
    // The post is made, yet the network answers 503: the row goes back to the queue and is sent again.
    fake.queue({ kind: "error-after-write", error: serverError() });
    expect(await attempt(publishTarget(input()))).toBeInstanceOf(PublishRetryableError);

    time.advance(5_000);
    const outcome = await publishTarget(input());

    const [made] = fake.postsFor(account.externalId);
    expect(outcome).toMatchObject({ state: "ACKNOWLEDGED", externalId: made?.externalId });
    expect(fake.publishCalls).toHaveLength(2);
    expect(fake.postsFor(account.externalId)).toHaveLength(1);
    expect(await targetOf(targetId)).toMatchObject({ status: "PUBLISHED", externalId: made?.externalId, lastError: null });
  });

  it("on a lagging timeline the duplicate's post is waited for inside the window, then found", async () => {
    const { fake, time, account, input } = await setup({ refusesDuplicates: true, lookupLagMs: LAG });
    fake.queue({ kind: "error-after-write", error: serverError() });
    await attempt(publishTarget(input()));
    time.advance(5_000);

    const refusedNow = await attempt(publishTarget(input()));
    expect(refusedNow).toBeInstanceOf(RetryAfterError);
    time.advance(LAG);
    const outcome = await publishTarget(input());

    expect(outcome).toMatchObject({ state: "ACKNOWLEDGED", externalId: fake.postsFor(account.externalId)[0]?.externalId });
    expect(fake.publishCalls).toHaveLength(2);
  });

  it("a duplicate of someone else's recent post (nothing of this attempt is there) ends as unknown for the user, never FAILED", async () => {
    const { fake, time, account, targetId, content, input } = await setup({ refusesDuplicates: true, lookupLagMs: LAG });
    fake.seedPost(account.externalId, { text: content, media: [], idempotencyKey: "by-hand" }, new Date(time.now().getTime() - 2 * 3_600_000));

    expect(await attempt(publishTarget(input()))).toBeInstanceOf(RetryAfterError);
    expect((await ledgerOf(targetId))[0]).toMatchObject({ state: "SENT", errorCode: "DUPLICATE_CONTENT" });
    time.advance(WINDOW);
    const outcome = await publishTarget(input());

    expect(outcome).toMatchObject({ state: "OUTCOME_UNKNOWN", errorCode: "DUPLICATE_CONTENT" });
    expect(outcome.error).toContain("refused it as a duplicate of a recent post");
    expect(await targetOf(targetId)).toMatchObject({ status: "OUTCOME_UNKNOWN" });
    expect(fake.publishCalls).toHaveLength(1);
  });
});

describe("networks that can be asked for certain", () => {
  it("a lookup by key that says 'absent' is proof: the post is sent again, once", async () => {
    const { fake, time, account, input } = await setup({ lookup: "key", lookupLagMs: LAG });
    fake.queue({ kind: "drop-before" });
    await attempt(publishTarget(input()));

    time.advance(1_000);
    const outcome = await publishTarget(input());

    expect(outcome).toMatchObject({ state: "ACKNOWLEDGED", sent: true });
    expect(fake.publishCalls).toHaveLength(2);
    expect(fake.postsFor(account.externalId)).toHaveLength(1);
  });
});
