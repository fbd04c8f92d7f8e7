import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { authForAccount, integrationsEnv, sandboxPostsFor } from "@mg/integrations";
import { createSandboxAdapter, sandboxPostMetrics } from "@mg/integrations/sandbox";
import { syncAccountMetrics } from "@mg/jobs/publishing";
// The social fixtures switch the Sandbox's random failures and latency off (the live sync below).
import "../procedure-cases/social";
import { demoSyncTimes, seedSocialDemo } from "../../src/services/demo/social-demo";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";

/**
 * The demo seed, run into a fresh organization (unique Sandbox handles, so no other test's
 * Sandbox posts mix in): its metrics are exactly what the real sync stores, its analytics hold
 * no negative number, and the next live sync continues the history without a drop.
 */
let t: Tenant;
let accounts: Awaited<ReturnType<typeof demoAccounts>>;
const demoAccounts = () => systemDb().socialAccount.findMany({ where: { organizationId: t.id } });
beforeAll(async () => {
  t = await createTenant("demo-analytics");
  const tag = randomUUID().slice(0, 8);
  await seedSocialDemo({
    organizationSlug: t.slug,
    profiles: [
      { name: "Demo Bakery", handle: `demobakery_${tag}` },
      { name: "Demo Café", handle: `democafe_${tag}` },
    ],
    log: () => undefined,
  });
  accounts = await demoAccounts();
}, 120_000);
afterAll(async () => {
  await deleteTenant(t);
});

/** Every number anywhere in a value (Dates and strings skipped). */
function numbersIn(value: unknown, path = "$"): { path: string; value: number }[] {
  if (typeof value === "number") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (value && typeof value === "object" && !(value instanceof Date)) return Object.entries(value).flatMap(([k, v]) => numbersIn(v, `${path}.${k}`));
  return [];
}

async function demoAnalytics() {
  const caller = callerFor(t.users.ANALYST, t.slug);
  const overview = await caller.analytics.overview({ days: 30 });
  const perAccount = await Promise.all(accounts.map((a) => caller.analytics.accountMetrics({ accountId: a.id, days: 30 })));
  const posts = await systemDb().post.findMany({ where: { organizationId: t.id, status: "PUBLISHED" }, select: { id: true } });
  const perPost = await Promise.all(posts.map((p) => caller.analytics.postMetrics({ postId: p.id })));
  return { overview, perAccount, perPost };
}

describe("the demo organization's analytics", () => {
  it("are produced by the sync: every stored reading is what the Sandbox reported when the sync read it", async () => {
    const snapshots = await systemDb().postMetric.findMany({ where: { organizationId: t.id }, include: { postTarget: { select: { externalId: true } } } });
    const onNetwork = new Map((await Promise.all(accounts.map((a) => sandboxPostsFor(a.externalId)))).flat().map((p) => [p.externalId, p]));
    // Six posts, each read hourly at first and every few hours after: a real history, not three rows.
    expect(snapshots.length).toBeGreaterThan(6 * 6);
    for (const row of snapshots) {
      const post = onNetwork.get(row.postTarget.externalId ?? "");
      expect(post, "the demo post exists on the Sandbox").toBeDefined();
      if (!post) continue;
      const { impressions, reach, likes, comments, shares, clicks } = row;
      expect({ impressions, reach, likes, comments, shares, clicks }).toEqual(sandboxPostMetrics(post.externalId, post.createdAt, row.fetchedAt));
      // The hour key is the sync's clock, as the live cron writes it.
      expect(row.periodStart.getTime()).toBe(Math.floor(row.fetchedAt.getTime() / 3_600_000) * 3_600_000);
    }
    const daily = await systemDb().accountMetric.findMany({ where: { organizationId: t.id } });
    expect(daily.length).toBeGreaterThan(accounts.length * 10);
    for (const row of daily) {
      const account = accounts.find((a) => a.id === row.socialAccountId);
      if (!account) throw new Error("a daily row of another account");
      // What the Sandbox answers for the account at the moment the sync read it.
      const atThatTime = createSandboxAdapter({ appUrl: integrationsEnv().APP_URL, now: () => row.fetchedAt });
      const { followers, impressions, engagements } = row;
      expect({ followers, impressions, engagements }).toEqual(await atThatTime.fetchAccountMetrics(authForAccount(account)));
    }
  });

  it("hold no negative number and no counter that went down; cards are the sums of the charts", async () => {
    const { overview, perAccount, perPost } = await demoAnalytics();
    const negatives = numbersIn({ overview, perAccount, perPost }).filter((n) => n.value < 0);
    expect(negatives).toEqual([]);
    expect(overview.totals.impressions).toBeGreaterThan(1_000);
    expect(overview.totals.posts).toBe(6);
    expect(overview.totals.decreases).toBe(0);

    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(overview.accounts.map((a) => a.impressions))).toBe(overview.totals.impressions);
    for (const chart of perAccount) {
      const row = overview.accounts.find((a) => a.account.id === chart.account.id);
      expect(sum(chart.series.map((d) => d.impressions))).toBe(chart.totals.impressions);
      expect(sum(chart.series.map((d) => d.engagements))).toBe(chart.totals.engagements);
      expect(row).toMatchObject({ impressions: chart.totals.impressions, engagements: chart.totals.engagements, followers: chart.totals.followers, followersChange: chart.totals.followersChange });
    }
    for (const post of perPost) {
      expect(sum(post.targets.flatMap((target) => target.series.map((p) => p.impressions)))).toBe(post.totals.impressions);
      // No drop: a post's gains add up to what the Sandbox says it has now.
      const latest = await systemDb().postMetric.findFirst({ where: { postTargetId: post.targets[0]?.targetId }, orderBy: { periodStart: "desc" } });
      expect(post.totals.impressions).toBe(latest?.impressions);
    }
  });

  it("the next live sync continues the seeded history: nothing goes down", async () => {
    const before = await systemDb().postMetric.count({ where: { organizationId: t.id } });
    for (const account of accounts) await syncAccountMetrics({ organizationId: t.id, socialAccountId: account.id });
    expect(await systemDb().postMetric.count({ where: { organizationId: t.id } })).toBeGreaterThanOrEqual(before);
    const { overview, perAccount, perPost } = await demoAnalytics();
    expect(numbersIn({ overview, perAccount, perPost }).filter((n) => n.value < 0)).toEqual([]);
    expect([overview.totals, ...perPost.map((p) => p.totals)].map((x) => x.decreases)).toEqual(Array.from({ length: 1 + perPost.length }, () => 0));
  });

  it("replays the sync hourly after each post and every few hours otherwise, never after the present", () => {
    const now = new Date("2026-03-10T12:30:00.000Z");
    const times = demoSyncTimes([new Date("2026-03-09T08:15:00.000Z"), new Date("2026-03-10T10:00:00.000Z")], now);
    const hours = times.map((d) => Math.floor(d.getTime() / 3_600_000));
    expect(new Set(hours).size).toBe(times.length);
    expect(times.every((d, i) => i === 0 || d > (times[i - 1] ?? d))).toBe(true);
    expect(times.at(-1)).toEqual(now);
    expect(times.map((d) => d.toISOString())).toEqual(expect.arrayContaining(["2026-03-09T09:15:00.000Z", "2026-03-09T14:15:00.000Z", "2026-03-09T16:15:00.000Z", "2026-03-10T11:00:00.000Z"]));
    expect(times.some((d) => d > now)).toBe(false);
  });
});
