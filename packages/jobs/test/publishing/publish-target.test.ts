import "./env";
import { disconnectAll, systemDb } from "@mg/db/system";
import { RetryAfterError } from "inngest";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { aggregatePostStatus } from "../../src/publishing/post-status";
import { abandonTarget, publishTarget } from "../../src/publishing/publish-target";
import { verifyTarget } from "../../src/publishing/verify-target";
import { syncAccountMetrics } from "../../src/publishing/metrics";
import { FakeNetwork } from "./fake-network";
import { alertsOf, ledgerOf, PublishingFixtures, targetOf } from "./fixtures";

const fixtures = new PublishingFixtures();
let fake: FakeNetwork | undefined;

afterEach(() => {
  fake?.uninstall();
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

async function setup(options: ConstructorParameters<typeof FakeNetwork>[0] = {}) {
  fake = new FakeNetwork(options).install();
  const organizationId = await fixtures.org();
  const account = await fixtures.account(organizationId, "X");
  const post = await fixtures.scheduledPost(organizationId, [account]);
  const targetId = post.targetIds[0]!;
  const input = { organizationId, targetId, scheduleVersion: post.scheduleVersion };
  return { fake, organizationId, account, post, targetId, input };
}

/** What a worker that crashed (or is still waiting) after sending leaves behind. */
async function leaveSent(organizationId: string, targetId: string, sentAt: Date) {
  await systemDb().postTarget.update({ where: { id: targetId }, data: { status: "PUBLISHING" } });
  return systemDb().publishLedger.create({
    data: { organizationId, postTargetId: targetId, scheduleVersion: 1, idempotencyKey: `${targetId}:v1`, state: "SENT", attempts: 1, sentAt },
  });
}

describe("publishTarget: claim and recovery", () => {
  it("a refused first comment keeps the post published and is shown on the target and alerted", async () => {
    const { fake, organizationId, targetId, input } = await setup();
    fake.queue({ kind: "ok-comment-refused", message: "Replies are limited on this post" });
    const outcome = await publishTarget(input);
    expect(outcome.state).toBe("ACKNOWLEDGED");
    expect(fake.publishCalls).toHaveLength(1);
    const target = await targetOf(targetId);
    expect(target).toMatchObject({ status: "PUBLISHED", lastErrorCode: "FIRST_COMMENT_FAILED" });
    expect(target.lastError).toContain("Replies are limited on this post");
    expect((await alertsOf(organizationId)).map((a) => a.title)).toEqual([expect.stringMatching(/^First comment not posted/)]);
  });

  it("a send still within its lease is 'in flight': retry later, no second call", async () => {
    const { fake, organizationId, targetId, input } = await setup();
    await leaveSent(organizationId, targetId, new Date(Date.now() - 20_000));

    const attempt = publishTarget(input);

    await expect(attempt).rejects.toBeInstanceOf(RetryAfterError);
    await expect(attempt).rejects.toThrow(/Already in flight/);
    expect(fake.publishCalls).toHaveLength(0);
    expect(await ledgerOf(targetId)).toEqual([expect.objectContaining({ state: "SENT", attempts: 1 })]);
  });

  it("after a crash between sending and recording, the post found on the network is recorded, not sent again", async () => {
    const { fake, organizationId, account, targetId, input } = await setup({ lookup: "key" });
    await leaveSent(organizationId, targetId, new Date(Date.now() - 5 * 60_000));
    const crashed = fake.seedPost(account.externalId, { text: "x", media: [], idempotencyKey: `${targetId}:v1` }, new Date(Date.now() - 5 * 60_000));

    const outcome = await publishTarget(input);

    expect(outcome).toMatchObject({ state: "ACKNOWLEDGED", externalId: crashed.externalId, sent: false });
    expect(fake.publishCalls).toHaveLength(0);
    expect(await targetOf(targetId)).toMatchObject({ status: "PUBLISHED", externalId: crashed.externalId });
  });

  it("after a crash where the network has no such post, it is sent (once)", async () => {
    const { fake, organizationId, account, targetId, input } = await setup({ lookup: "key" });
    await leaveSent(organizationId, targetId, new Date(Date.now() - 5 * 60_000));

    const outcome = await publishTarget(input);
    const again = await publishTarget(input);

    expect(outcome).toMatchObject({ state: "ACKNOWLEDGED", sent: true });
    expect(again).toMatchObject({ state: "ACKNOWLEDGED", externalId: outcome.externalId });
    expect(fake.postsFor(account.externalId)).toHaveLength(1);
    expect((await ledgerOf(targetId))[0]).toMatchObject({ attempts: 2 });
  });

  it("concurrent workers on one target: exactly one network call", async () => {
    const { fake, account, input } = await setup();

    const results = await Promise.allSettled([publishTarget(input), publishTarget(input), publishTarget(input)]);

    expect(fake.publishCalls).toHaveLength(1);
    expect(fake.postsFor(account.externalId)).toHaveLength(1);
    expect(results.some((r) => r.status === "fulfilled" && r.value.state === "ACKNOWLEDGED")).toBe(true);
    // The others either saw the acknowledgement or were told to come back (in flight).
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(RetryAfterError);
    }
  });

  it("throttles publishes on one account to the configured spacing", async () => {
    vi.stubEnv("PUBLISH_ACCOUNT_SPACING_MS", "60000");
    const { fake, organizationId, account, input } = await setup();
    const second = await fixtures.scheduledPost(organizationId, [account]);

    await publishTarget(input);
    const throttled = publishTarget({ organizationId, targetId: second.targetIds[0]!, scheduleVersion: 1 });

    await expect(throttled).rejects.toThrow(/Throttled/);
    const error = await throttled.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryAfterError);
    // Seconds until the spacing since the first publish has passed.
    expect(Number((error as RetryAfterError).retryAfter)).toBeGreaterThan(50);
    expect(Number((error as RetryAfterError).retryAfter)).toBeLessThanOrEqual(60);
    expect(fake.publishCalls).toHaveLength(1);
    expect(await ledgerOf(second.targetIds[0]!)).toEqual([expect.objectContaining({ state: "QUEUED", attempts: 0, sentAt: null })]);
  });

  it("a deleted media file fails the target with a message instead of posting without it", async () => {
    const { fake, organizationId, post, targetId, input } = await setup();
    await systemDb().post.update({ where: { id: post.id }, data: { mediaIds: [crypto.randomUUID()] } });

    const outcome = await publishTarget(input);

    expect(outcome).toMatchObject({ state: "FAILED", errorCode: "MEDIA_MISSING" });
    expect(fake.publishCalls).toHaveLength(0);
    expect((await targetOf(targetId)).lastError).toMatch(/media file of this post was deleted/);
    expect(await alertsOf(organizationId)).toHaveLength(1);
  });

  it("sends the post's media with their public URLs and metadata", async () => {
    const { fake, organizationId, post, input } = await setup();
    const asset = await systemDb().mediaAsset.create({
      data: { organizationId, storage: "LOCAL", key: "a/b.png", url: "https://cdn.example/b.png", fileName: "b.png", mimeType: "image/png", kind: "IMAGE", sizeBytes: 1234, width: 10, height: 20, altText: "A bee" },
    });
    await systemDb().post.update({ where: { id: post.id }, data: { mediaIds: [asset.id] } });

    await publishTarget(input);

    expect(fake.publishCalls[0]?.media).toEqual([
      { url: "https://cdn.example/b.png", mimeType: "image/png", kind: "IMAGE", sizeBytes: 1234, width: 10, height: 20, durationSeconds: null, altText: "A bee" },
    ]);
  });
});

describe("abandonTarget (retries exhausted)", () => {
  it("a row never sent fails with the last error", async () => {
    const { organizationId, targetId, input } = await setup();
    await systemDb().publishLedger.create({ data: { organizationId, postTargetId: targetId, scheduleVersion: 1, idempotencyKey: `${targetId}:v1`, attempts: 3, errorCode: "RATE_LIMITED" } });

    const outcome = await abandonTarget({ ...input, reason: "Too Many Requests" });

    expect(outcome).toMatchObject({ state: "FAILED", errorCode: "RATE_LIMITED", error: "Gave up after 3 attempt(s): Too Many Requests" });
    expect(await targetOf(targetId)).toMatchObject({ status: "FAILED", lastError: "Gave up after 3 attempt(s): Too Many Requests" });
  });

  it("a row sent without an answer is never failed: past the lag window its outcome is unknown", async () => {
    const { organizationId, targetId, input } = await setup();
    await leaveSent(organizationId, targetId, new Date(Date.now() - 5 * 60_000));

    const outcome = await abandonTarget({ ...input, reason: "socket hang up" });

    expect(outcome).toMatchObject({ state: "OUTCOME_UNKNOWN" });
    expect(outcome.error).toMatch(/^We couldn't confirm this went out on FakeNet: the last attempt ended without an answer \(socket hang up\)/);
    expect(await targetOf(targetId)).toMatchObject({ status: "OUTCOME_UNKNOWN", lastErrorCode: "OUTCOME_UNKNOWN" });
    expect((await ledgerOf(targetId))[0]).toMatchObject({ state: "OUTCOME_UNKNOWN", outcomeUnknownAt: expect.any(Date) });
  });

  it("a row sent without an answer inside the lag window is left for the sweep to look again", async () => {
    const { organizationId, targetId, input } = await setup({ lookupLagMs: 60_000 });
    await leaveSent(organizationId, targetId, new Date(Date.now() - 30_000));

    const outcome = await abandonTarget({ ...input, reason: "socket hang up" });

    expect(outcome).toMatchObject({ state: "PENDING" });
    expect(await targetOf(targetId)).toMatchObject({ status: "PUBLISHING" });
    expect((await ledgerOf(targetId))[0]).toMatchObject({ state: "SENT" });
  });

  it("leaves an acknowledged row alone", async () => {
    const { input } = await setup();
    await publishTarget(input);

    expect(await abandonTarget({ ...input, reason: "late" })).toMatchObject({ state: "ACKNOWLEDGED" });
  });
});

describe("verifyTarget", () => {
  it("marks a live post VERIFIED", async () => {
    const { input, targetId } = await setup();
    await publishTarget(input);

    expect(await verifyTarget(input)).toEqual({ targetId, state: "VERIFIED" });
    expect((await ledgerOf(targetId))[0]?.state).toBe("VERIFIED");
  });

  it("a network that cannot read the post back (a member's LinkedIn post) leaves it published, unverified, without failing or alerting", async () => {
    const { fake, organizationId, input, targetId } = await setup();
    await publishTarget(input);
    fake.readsUnavailable = true;

    expect(await verifyTarget(input)).toMatchObject({ state: "SKIPPED" });
    expect(await verifyTarget({ ...input, giveUp: true })).toMatchObject({ state: "SKIPPED" });
    expect((await ledgerOf(targetId))[0]?.state).toBe("ACKNOWLEDGED");
    expect(await targetOf(targetId)).toMatchObject({ status: "PUBLISHED" });
    expect(await alertsOf(organizationId)).toEqual([]);
    // Nor does the hourly metrics sync keep failing for it: there are no metrics to fetch.
    await expect(syncAccountMetrics({ organizationId, socialAccountId: (await targetOf(targetId)).socialAccountId })).resolves.toMatchObject({ status: "synced", posts: 0 });
  });

  it("a post that is not live stays pending, then fails as 'not found on network after publishing'", async () => {
    const { fake, organizationId, input, targetId, post } = await setup();
    const published = await publishTarget(input);
    fake.posts.delete(published.externalId ?? "");

    expect(await verifyTarget(input)).toMatchObject({ state: "PENDING" });
    const final = await verifyTarget({ ...input, giveUp: true });

    expect(final.state).toBe("FAILED");
    expect(final.error).toMatch(/Not found on the network after publishing/);
    expect(await targetOf(targetId)).toMatchObject({ status: "FAILED", lastErrorCode: "NOT_LIVE" });
    expect((await systemDb().post.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("FAILED");
    expect(await alertsOf(organizationId)).toEqual([expect.objectContaining({ kind: "PUBLISH_FAILED" })]);
  });
});

describe("aggregatePostStatus", () => {
  it("derives the post's status from its targets", () => {
    expect(aggregatePostStatus(["SCHEDULED", "SCHEDULED"])).toBeNull();
    expect(aggregatePostStatus(["PUBLISHED", "SCHEDULED"])).toBe("PUBLISHING");
    expect(aggregatePostStatus(["PUBLISHING"])).toBe("PUBLISHING");
    expect(aggregatePostStatus(["PUBLISHED", "PUBLISHED", "CANCELLED"])).toBe("PUBLISHED");
    expect(aggregatePostStatus(["PUBLISHED", "FAILED"])).toBe("PARTIAL");
    expect(aggregatePostStatus(["FAILED", "FAILED"])).toBe("FAILED");
    expect(aggregatePostStatus(["CANCELLED"])).toBeNull();
    // A target whose outcome is unknown needs the user, whatever the others did; one still going waits for it.
    expect(aggregatePostStatus(["PUBLISHED", "OUTCOME_UNKNOWN"])).toBe("OUTCOME_UNKNOWN");
    expect(aggregatePostStatus(["FAILED", "OUTCOME_UNKNOWN"])).toBe("OUTCOME_UNKNOWN");
    expect(aggregatePostStatus(["OUTCOME_UNKNOWN", "PUBLISHING"])).toBe("PUBLISHING");
  });
});
