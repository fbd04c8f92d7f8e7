import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { accountMetricsInput } from "../../schemas/analytics";
import { lastUtcDays, windowStart } from "../../services/analytics/periods";
import { metricsReport, summaryOr } from "../../services/analytics/report";

/**
 * One account per UTC day: what its posts gained that day (never negative; a day whose network
 * counters went down says so in `decreases`), and its follower count, carried forward over days
 * without one. The totals are the sum of the series, from the same report as the overview's row.
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
    const report = await metricsReport(ctx.db, { bucket: "day", since: windowStart(input.days), days, accountIds: [account.id], followers: true });
    const summary = summaryOr(report, "accounts", account.id, days);
    const followers = report.followers.get(account.id);
    return {
      account,
      days: input.days,
      series: summary.series.map(({ period, ...numbers }, i) => ({ day: period, followers: followers?.series[i] ?? null, ...numbers })),
      totals: { ...summary.totals, followers: followers?.last ?? null, followersChange: followers?.change ?? null },
    };
  });
