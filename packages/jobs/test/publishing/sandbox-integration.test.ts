import "./env";
import { InngestTestEngine } from "@inngest/test";
import { disconnectAll, systemDb } from "@mg/db/system";
import { authForAccount, integrationsEnv, sandboxPostsFor, setNetworkAdapterOverride } from "@mg/integrations";
import { createSandboxAdapter, sandboxPostMetrics } from "@mg/integrations/sandbox";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { PUBLISH_CLOCK_SKEW_MS } from "../../src/publishing/config";
import { publishTarget } from "../../src/publishing/publish-target";
import { verifyTarget } from "../../src/publishing/verify-target";
import { decideAbTestFn } from "../../src/functions/decide-ab-test";
import { publishPost } from "../../src/functions/publish-post";
import { syncAccountMetrics } from "../../src/publishing/metrics";
import { alertsOf, ledgerOf, PublishingFixtures, postOf, targetOf, type TestPost } from "./fixtures";

/**
 * The real path end to end on the built-in Sandbox network: rows as scheduling leaves them →
 * the publish function (sleeps mocked) → the Sandbox's own storage holds the post → metrics →
 * the A/B decision. No fakes: the Sandbox is the network.
 */
const fixtures = new PublishingFixtures();

afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

const sleeps = () => ["wait-until-scheduled", "wait-before-verify-1", "wait-before-verify-2", "wait-before-verify-3"].map((id) => ({ id, handler: () => undefined }));

function publish(post: TestPost) {
  return new InngestTestEngine({
    function: publishPost,
    events: [
      {
        name: "post/scheduled",
        data: { organizationId: post.organizationId, postId: post.id, scheduleVersion: post.scheduleVersion, scheduledAt: post.scheduledAt.toISOString() },
      },
    ],
    steps: sleeps(),
  }).execute();
}

describe("publishing through the Sandbox network", () => {
  it("a scheduled post is published once to the Sandbox and the ledger says VERIFIED", async () => {
    const organizationId = await fixtures.org("Sandbox Publish Co");
    const account = await fixtures.sandboxAccount(organizationId, "Acme Bakery");
    const post = await fixtures.scheduledPost(organizationId, [account], { content: "Fresh bread at 9 🍞" });

    const { result, error } = await publish(post);
    // A duplicate delivery of the event (or a replayed outbox event) changes nothing.
    await publish(post);

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "done", verification: { [post.targetIds[0]!]: "VERIFIED" } });
    const onNetwork = await sandboxPostsFor(account.externalId);
    expect(onNetwork).toHaveLength(1);
    expect(onNetwork[0]).toMatchObject({ text: "Fresh bread at 9 🍞", idempotencyKey: `${post.targetIds[0]}:v1`, deletedAt: null });
    const [ledger, ...others] = await ledgerOf(post.targetIds[0]!);
    expect(others).toHaveLength(0);
    expect(ledger).toMatchObject({ state: "VERIFIED", externalId: onNetwork[0]!.externalId, externalUrl: onNetwork[0]!.url });
    expect(await targetOf(post.targetIds[0]!)).toMatchObject({ status: "PUBLISHED", externalId: onNetwork[0]!.externalId });
    expect((await postOf(post.id)).status).toBe("PUBLISHED");
  });

  it("a post refused by the Sandbox (too long) shows the Sandbox's own message on the target", async () => {
    const organizationId = await fixtures.org("Sandbox Refusal Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account], { content: "x".repeat(20_000) });

    await publish(post);

    expect(await sandboxPostsFor(account.externalId)).toHaveLength(0);
    const target = await targetOf(post.targetIds[0]!);
    expect(target).toMatchObject({ status: "FAILED", lastErrorCode: "INVALID_CONTENT" });
    expect(target.lastError).toMatch(/^Sandbox refused the post:/);
    expect((await alertsOf(organizationId)).map((a) => a.kind)).toEqual(["PUBLISH_FAILED"]);
  });
});

describe("publishing through a Sandbox that lies like X", () => {
  afterEach(() => setNetworkAdapterOverride("SANDBOX", null));

  /** No idempotency key, a 60 s timeline lag, duplicate text refused, and the first answer lost after the write. */
  function lyingSandbox() {
    let now = Date.now();
    const drops: ("before" | "after" | null)[] = ["after"];
    const adapter = createSandboxAdapter({
      appUrl: integrationsEnv().APP_URL,
      now: () => new Date(now),
      faults: { idempotency: false, lookupLagMs: 60_000, refuseDuplicates: true, drop: () => drops.shift() ?? null },
    });
    setNetworkAdapterOverride("SANDBOX", adapter);
    return { at: () => new Date(now), advance: (ms: number) => void (now += ms) };
  }

  it("a lost answer is waited for through the lag window and found on the Sandbox's timeline: one post, verified", async () => {
    const time = lyingSandbox();
    const organizationId = await fixtures.org("Lying Sandbox Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account], { content: "Croissants are back" });
    const input = () => ({ organizationId, targetId: post.targetIds[0]!, scheduleVersion: 1, now: time.at() });

    await expect(publishTarget(input())).rejects.toThrow(/No answer from SANDBOX/);
    time.advance(20_000);
    await expect(publishTarget(input())).rejects.toThrow(/Waiting for Sandbox to show the post/);
    time.advance(60_000 + PUBLISH_CLOCK_SKEW_MS);
    const outcome = await publishTarget(input());

    const onNetwork = await sandboxPostsFor(account.externalId);
    expect(onNetwork).toHaveLength(1);
    expect(outcome).toMatchObject({ state: "ACKNOWLEDGED", externalId: onNetwork[0]!.externalId });
    expect(await verifyTarget(input())).toMatchObject({ state: "VERIFIED" });
  });
});

describe("metrics sync", () => {
  afterEach(() => setNetworkAdapterOverride("SANDBOX", null));

  it("stores one snapshot per post and hour and per account and day: syncing twice never double counts", async () => {
    const organizationId = await fixtures.org("Metrics Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account]);
    await publish(post);
    const input = { organizationId, socialAccountId: account.id };
    const hour = new Date();
    hour.setUTCMinutes(0, 0, 0);

    const first = await syncAccountMetrics(input);
    const firstRows = await systemDb().postMetric.findMany({ where: { postTargetId: post.targetIds[0] } });
    const second = await syncAccountMetrics(input);
    const rows = await systemDb().postMetric.findMany({ where: { postTargetId: post.targetIds[0] } });
    const accountRows = await systemDb().accountMetric.findMany({ where: { socialAccountId: account.id } });

    expect(first).toEqual({ status: "synced", posts: 1, failedPosts: 0, account: true });
    expect(second).toEqual(first);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ periodStart: hour, socialAccountId: account.id, id: firstRows[0]!.id });
    // Cumulative totals are replaced by the newer reading, never added to the older one.
    expect(rows[0]!.impressions).toBeGreaterThanOrEqual(firstRows[0]!.impressions);
    expect(rows[0]!.impressions).toBeLessThan(firstRows[0]!.impressions * 2 + 1);
    expect(accountRows).toHaveLength(1);
    expect(accountRows[0]!.day).toBe(new Date().toISOString().slice(0, 10));
  });

  it("an older hour keeps its snapshot; a new hour adds a row", async () => {
    const organizationId = await fixtures.org("Metrics Hours Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account]);
    await publish(post);
    const now = Date.now();

    // (A sync's clock before the post was published would not read it at all: see the replay below.)
    await syncAccountMetrics({ organizationId, socialAccountId: account.id, now: new Date(now) });
    await syncAccountMetrics({ organizationId, socialAccountId: account.id, now: new Date(now + 3_600_000) });
    await syncAccountMetrics({ organizationId, socialAccountId: account.id, now: new Date(now + 3_600_000) });

    expect(await systemDb().postMetric.count({ where: { postTargetId: post.targetIds[0] } })).toBe(2);
  });

  it("replayed on the Sandbox's clock (the demo seed's way): only posts published by then, readings as the Sandbox had them, a deleted post keeps its last", async () => {
    const organizationId = await fixtures.org("Metrics Replay Co");
    const account = await fixtures.sandboxAccount(organizationId);
    const post = await fixtures.scheduledPost(organizationId, [account]);
    await publish(post);
    const targetId = post.targetIds[0]!;
    const publishedAt = (await targetOf(targetId)).publishedAt!;
    let clock = publishedAt.getTime();
    const sandbox = createSandboxAdapter({ appUrl: integrationsEnv().APP_URL, now: () => new Date(clock) });
    setNetworkAdapterOverride("SANDBOX", sandbox);
    const syncAt = async (hours: number) => {
      clock = publishedAt.getTime() + hours * 3_600_000;
      return syncAccountMetrics({ organizationId, socialAccountId: account.id, now: new Date(clock) });
    };

    // An hour before the post existed: nothing to read for it.
    expect(await syncAt(-1)).toMatchObject({ status: "synced", posts: 0 });
    for (const hours of [1, 2, 5, 9]) expect(await syncAt(hours)).toMatchObject({ posts: 1, failedPosts: 0 });
    const rows = await systemDb().postMetric.findMany({ where: { postTargetId: targetId }, orderBy: { periodStart: "asc" } });
    const [onNetwork] = await sandboxPostsFor(account.externalId);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      const { impressions, reach, likes, comments, shares, clicks } = row;
      expect({ impressions, reach, likes, comments, shares, clicks }).toEqual(sandboxPostMetrics(onNetwork!.externalId, onNetwork!.createdAt, row.fetchedAt));
    }
    // The Sandbox's counters never go down while the post lives.
    expect(rows.every((row, i) => i === 0 || row.impressions >= rows[i - 1]!.impressions)).toBe(true);

    // Deleted on the network: no reading, the last one stays; the sync is not failed for it.
    await sandbox.deletePost(authForAccount(await systemDb().socialAccount.findUniqueOrThrow({ where: { id: account.id } })), onNetwork!.externalId);
    expect(await syncAt(12)).toMatchObject({ status: "synced", posts: 0, failedPosts: 1 });
    expect(await systemDb().postMetric.count({ where: { postTargetId: targetId } })).toBe(4);
  });

  it("skips an account that needs reconnecting", async () => {
    const organizationId = await fixtures.org("Metrics Skip Co");
    const account = await fixtures.sandboxAccount(organizationId);
    await systemDb().socialAccount.update({ where: { id: account.id }, data: { status: "NEEDS_RECONNECT" } });

    expect(await syncAccountMetrics({ organizationId, socialAccountId: account.id })).toMatchObject({ status: "skipped" });
  });
});

describe("A/B test decision", () => {
  async function abTest(organizationId: string, metric: "ENGAGEMENT_RATE" | "IMPRESSIONS" = "ENGAGEMENT_RATE") {
    return systemDb().abTest.create({ data: { organizationId, name: "Headline test", metric, windowHours: 24, decideAt: new Date() } });
  }

  async function snapshot(organizationId: string, targetId: string, socialAccountId: string, hoursAgo: number, values: { impressions: number; likes: number; comments?: number; shares?: number; clicks?: number }) {
    const periodStart = new Date(Date.now() - hoursAgo * 3_600_000);
    periodStart.setUTCMinutes(0, 0, 0);
    await systemDb().postMetric.create({ data: { organizationId, postTargetId: targetId, socialAccountId, periodStart, reach: 0, ...values } });
  }

  function decide(organizationId: string, abTestId: string) {
    return new InngestTestEngine({
      function: decideAbTestFn,
      events: [{ name: "ab-test/started", data: { organizationId, abTestId, decideAt: new Date().toISOString() } }],
      steps: [{ id: "wait-until-decide", handler: () => undefined }],
    }).execute();
  }

  it("picks the variant with the best engagement rate from the latest snapshots and alerts once", async () => {
    const organizationId = await fixtures.org("AB Co");
    const account = await fixtures.account(organizationId, "LINKEDIN", { status: "NEEDS_RECONNECT" });
    const test = await abTest(organizationId);
    const a = await fixtures.scheduledPost(organizationId, [account], { abTestId: test.id, abVariantKey: "A" });
    const b = await fixtures.scheduledPost(organizationId, [account], { abTestId: test.id, abVariantKey: "B" });
    // A: more impressions, lower rate. B: fewer impressions, higher rate. Older snapshots must not count.
    await snapshot(organizationId, a.targetIds[0]!, account.id, 5, { impressions: 100, likes: 90 });
    await snapshot(organizationId, a.targetIds[0]!, account.id, 1, { impressions: 1000, likes: 40, comments: 5, shares: 3, clicks: 2 });
    await snapshot(organizationId, b.targetIds[0]!, account.id, 1, { impressions: 400, likes: 30, comments: 4, shares: 2, clicks: 4 });

    const { result, error } = await decide(organizationId, test.id);
    const again = await decide(organizationId, test.id);

    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: "decided", result: { winnerPostId: b.id, decidedBy: "metric" } });
    expect(again.result).toEqual({ status: "already-decided", winnerPostId: b.id });
    const stored = await systemDb().abTest.findUniqueOrThrow({ where: { id: test.id } });
    expect(stored).toMatchObject({ status: "DECIDED", winnerPostId: b.id });
    expect(stored.decidedAt).toBeInstanceOf(Date);
    expect(stored.result).toMatchObject({
      metric: "ENGAGEMENT_RATE",
      variants: [
        { postId: a.id, key: "A", value: 0.05 },
        { postId: b.id, key: "B", value: 0.1 },
      ],
    });
    const alerts = await alertsOf(organizationId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "AB_TEST_DECIDED", postId: b.id, title: 'A/B test "Headline test": variant B won' });
  });

  it("decides by raw impressions when that is the declared metric; no data picks no winner", async () => {
    const organizationId = await fixtures.org("AB Impressions Co");
    const account = await fixtures.account(organizationId, "LINKEDIN", { status: "NEEDS_RECONNECT" });
    const byImpressions = await abTest(organizationId, "IMPRESSIONS");
    const a = await fixtures.scheduledPost(organizationId, [account], { abTestId: byImpressions.id, abVariantKey: "A" });
    const b = await fixtures.scheduledPost(organizationId, [account], { abTestId: byImpressions.id, abVariantKey: "B" });
    await snapshot(organizationId, a.targetIds[0]!, account.id, 1, { impressions: 1000, likes: 1 });
    await snapshot(organizationId, b.targetIds[0]!, account.id, 1, { impressions: 400, likes: 300 });
    const empty = await abTest(organizationId);
    await fixtures.scheduledPost(organizationId, [account], { abTestId: empty.id, abVariantKey: "A" });

    expect((await decide(organizationId, byImpressions.id)).result).toMatchObject({ result: { winnerPostId: a.id } });
    expect((await decide(organizationId, empty.id)).result).toMatchObject({ result: { winnerPostId: null, decidedBy: "no-data" } });
  });
});
