import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { accountMetricsInput } from "../../schemas/analytics";
import { deltasOf, engagementRate, engagementsOf, lastUtcDays, latestSnapshots, utcDay, windowStart } from "./metrics";

/**
 * One account per UTC day: impressions and engagements are the increments of its posts'
 * hourly snapshots within the day (so a day never repeats the days before it); followers are
 * the day's account snapshot, carried forward over days without one.
 */
export const accountMetrics = orgProcedure("analytics.view_detailed")
  .input(accountMetricsInput)
  .query(async ({ ctx, input }) => {
    const account = await ctx.db.socialAccount.findFirst({
      where: { id: input.accountId },
      select: { id: true, name: true, handle: true, network: true, status: true },
    });
    if (!account) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found." });

    const days = lastUtcDays(input.days);
    const since = windowStart(input.days);
    const snapshots = await ctx.db.postMetric.findMany({
      where: { socialAccountId: account.id, periodStart: { gte: since } },
      orderBy: [{ postTargetId: "asc" }, { periodStart: "asc" }],
      select: { postTargetId: true, socialAccountId: true, periodStart: true, impressions: true, reach: true, likes: true, comments: true, shares: true, clicks: true },
    });
    const followerRows = await ctx.db.accountMetric.findMany({ where: { socialAccountId: account.id, day: { gte: utcDay(since) } }, select: { day: true, followers: true } });
    const followersBefore = await ctx.db.accountMetric.findFirst({
      where: { socialAccountId: account.id, day: { lt: utcDay(since) } },
      orderBy: { day: "desc" },
      select: { followers: true },
    });
    const baselines = await latestSnapshots(ctx.db, [...new Set(snapshots.map((s) => s.postTargetId))], { before: since });

    const byDay = new Map<string, { impressions: number; engagements: number }>();
    for (const delta of deltasOf(snapshots, baselines)) {
      const day = utcDay(delta.periodStart);
      const sum = byDay.get(day) ?? { impressions: 0, engagements: 0 };
      byDay.set(day, { impressions: sum.impressions + delta.impressions, engagements: sum.engagements + engagementsOf(delta) });
    }
    const followersByDay = new Map(followerRows.map((row) => [row.day, row.followers]));

    let followers: number | null = followersBefore?.followers ?? null;
    const series = days.map((day) => {
      followers = followersByDay.get(day) ?? followers;
      const sum = byDay.get(day) ?? { impressions: 0, engagements: 0 };
      return { day, followers, impressions: sum.impressions, engagements: sum.engagements, engagementRate: engagementRate(sum.engagements, sum.impressions) };
    });
    const impressions = series.reduce((n, d) => n + d.impressions, 0);
    const engagements = series.reduce((n, d) => n + d.engagements, 0);
    const firstFollowers = series.find((d) => d.followers !== null)?.followers ?? null;
    const lastFollowers = series.at(-1)?.followers ?? null;
    return {
      account,
      days: input.days,
      series,
      totals: {
        impressions,
        engagements,
        engagementRate: engagementRate(engagements, impressions),
        followers: lastFollowers,
        followersChange: firstFollowers !== null && lastFollowers !== null ? lastFollowers - firstFollowers : null,
      },
    };
  });
