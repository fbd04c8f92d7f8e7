import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { freshAccount, freshPost } from "../procedure-cases/social";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("analytics");
});
afterAll(async () => {
  await deleteTenant(t);
});

const DAY = 86_400_000;
const todayStart = () => {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
};
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A published post on `accountId` with the given cumulative hourly snapshots. */
async function publishedWithSnapshots(accountId: string, snapshots: { at: number; impressions: number; likes?: number; comments?: number; shares?: number; clicks?: number }[]) {
  const postId = await freshPost(t, accountId);
  const publishedAt = new Date(todayStart() - DAY + 11 * 3_600_000);
  await systemDb().post.update({ where: { id: postId }, data: { status: "PUBLISHED", publishedAt } });
  const target = await systemDb().postTarget.findFirstOrThrow({ where: { postId } });
  await systemDb().postTarget.update({ where: { id: target.id }, data: { status: "PUBLISHED", publishedAt } });
  for (const s of snapshots) {
    await systemDb().postMetric.create({
      data: { organizationId: t.id, postTargetId: target.id, socialAccountId: accountId, periodStart: new Date(s.at), impressions: s.impressions, likes: s.likes ?? 0, comments: s.comments ?? 0, shares: s.shares ?? 0, clicks: s.clicks ?? 0 },
    });
  }
  return { postId, targetId: target.id };
}

describe("analytics never double counts cumulative snapshots", () => {
  let accountId: string;
  let quietAccountId: string;
  let postId: string;

  beforeAll(async () => {
    accountId = await freshAccount(t);
    quietAccountId = await freshAccount(t);
    const yesterdayNoon = todayStart() - DAY + 12 * 3_600_000;
    ({ postId } = await publishedWithSnapshots(accountId, [
      { at: yesterdayNoon, impressions: 100, likes: 5 },
      { at: todayStart() + 1 * 3_600_000, impressions: 250, likes: 12, comments: 2 },
      { at: todayStart() + 2 * 3_600_000, impressions: 300, likes: 15, comments: 3, shares: 1, clicks: 4 },
    ]));
    await systemDb().accountMetric.createMany({
      data: [
        { organizationId: t.id, socialAccountId: accountId, day: day(todayStart() - DAY), followers: 1000 },
        { organizationId: t.id, socialAccountId: accountId, day: day(todayStart()), followers: 1010 },
      ],
    });
  });

  it("postMetrics: per-period increments that add up to the latest snapshot", async () => {
    const result = await callerFor(t.users.VIEWER, t.slug).analytics.postMetrics({ postId });
    const [target] = result.targets;
    expect(target?.series.map((p) => [p.impressions, p.likes, p.comments, p.shares, p.clicks])).toEqual([
      [100, 5, 0, 0, 0],
      [150, 7, 2, 0, 0],
      [50, 3, 1, 1, 4],
    ]);
    expect(target?.series[2]?.engagementRate).toBeCloseTo(9 / 50);
    expect(target?.totals).toMatchObject({ impressions: 300, likes: 15, comments: 3, shares: 1, clicks: 4, engagements: 23 });
    expect(target?.totals.engagementRate).toBeCloseTo(23 / 300);
    expect(result.totals.impressions).toBe(300);
  });

  it("overview: totals from each target's latest snapshot only; rates from sums; 0 without impressions", async () => {
    const overview = await callerFor(t.users.ANALYST, t.slug).analytics.overview({ days: 7 });
    expect(overview.totals).toMatchObject({ posts: 1, impressions: 300, engagements: 23 });
    expect(overview.totals.engagementRate).toBeCloseTo(23 / 300);
    const row = overview.accounts.find((a) => a.account.id === accountId);
    expect(row).toMatchObject({ posts: 1, impressions: 300, likes: 15, followers: 1010, followersChange: 10 });
    expect(overview.accounts.find((a) => a.account.id === quietAccountId)).toMatchObject({ posts: 0, impressions: 0, engagementRate: 0, followers: null });
  });

  it("accountMetrics: a day holds only its own increments (the day before is the baseline)", async () => {
    const caller = callerFor(t.users.VIEWER, t.slug);
    const oneDay = await caller.analytics.accountMetrics({ accountId, days: 1 });
    expect(oneDay.series).toEqual([{ day: day(todayStart()), followers: 1010, impressions: 200, engagements: 18, engagementRate: 18 / 200 }]);

    const twoDays = await caller.analytics.accountMetrics({ accountId, days: 2 });
    expect(twoDays.series.map((d) => [d.day, d.impressions, d.engagements, d.followers])).toEqual([
      [day(todayStart() - DAY), 100, 5, 1000],
      [day(todayStart()), 200, 18, 1010],
    ]);
    expect(twoDays.totals).toMatchObject({ impressions: 300, engagements: 23, followers: 1010, followersChange: 10 });

    const quiet = await caller.analytics.accountMetrics({ accountId: quietAccountId, days: 3 });
    expect(quiet.series.every((d) => d.impressions === 0 && d.engagementRate === 0 && d.followers === null)).toBe(true);
  });
});
