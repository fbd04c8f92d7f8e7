import { orgProcedure } from "../../trpc/init";
import { analyticsOverviewInput } from "../../schemas/analytics";
import { lastUtcDays, windowStart } from "../../services/analytics/periods";
import { metricsReport, summaryOr } from "../../services/analytics/report";

/**
 * What the organization's posts gained in the last `days` UTC days, per account and overall, and
 * how many posts went out in that time. The cards, the accounts table and the per-account chart
 * all read the same report (services/analytics/report.ts): the cards are the sum of the table's
 * rows, each row is the sum of that account's daily chart.
 */
export const overview = orgProcedure("analytics.view_basic")
  .input(analyticsOverviewInput)
  .query(async ({ ctx, input }) => {
    const days = lastUtcDays(input.days);
    const since = windowStart(input.days);
    const accounts = await ctx.db.socialAccount.findMany({
      select: { id: true, name: true, handle: true, avatarUrl: true, network: true, status: true },
      orderBy: [{ network: "asc" }, { name: "asc" }],
    });
    const published = await ctx.db.postTarget.groupBy({ by: ["socialAccountId"], where: { status: "PUBLISHED", publishedAt: { gte: since } }, _count: { _all: true } });
    const postsOf = new Map(published.map((row) => [row.socialAccountId, row._count._all]));
    const report = await metricsReport(ctx.db, { bucket: "day", since, days, followers: true });

    const rows = accounts
      .filter((account) => account.status !== "DISCONNECTED" || report.accounts.has(account.id) || postsOf.has(account.id))
      .map((account) => {
        const followers = report.followers.get(account.id);
        return {
          account,
          posts: postsOf.get(account.id) ?? 0,
          ...summaryOr(report, "accounts", account.id, days).totals,
          followers: followers?.last ?? null,
          followersChange: followers?.change ?? null,
        };
      });
    return {
      days: input.days,
      since,
      totals: { posts: rows.reduce((n, row) => n + row.posts, 0), ...report.all.totals },
      accounts: rows,
    };
  });
