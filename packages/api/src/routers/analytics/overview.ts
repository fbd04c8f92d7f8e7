import { orgProcedure } from "../../trpc/init";
import { analyticsOverviewInput } from "../../schemas/analytics";
import { addCounters, countersOf, latestSnapshots, utcDay, windowStart, withRate, ZERO, type Counters } from "./metrics";

/**
 * Totals of the posts published in the last `days` days, per account and overall. Each target
 * contributes its latest snapshot once; rates are computed from the sums, never averaged.
 */
export const overview = orgProcedure("analytics.view_basic")
  .input(analyticsOverviewInput)
  .query(async ({ ctx, input }) => {
    const since = windowStart(input.days);
    const accounts = await ctx.db.socialAccount.findMany({
      select: { id: true, name: true, handle: true, avatarUrl: true, network: true, status: true },
      orderBy: [{ network: "asc" }, { name: "asc" }],
    });
    const targets = await ctx.db.postTarget.findMany({ where: { status: "PUBLISHED", publishedAt: { gte: since } }, select: { id: true, socialAccountId: true } });
    const followerRows = await ctx.db.accountMetric.findMany({
      where: { day: { gte: utcDay(since) } },
      select: { socialAccountId: true, day: true, followers: true },
      orderBy: { day: "asc" },
    });
    const latest = await latestSnapshots(
      ctx.db,
      targets.map((t) => t.id),
    );

    const perAccount = new Map<string, { counters: Counters; posts: number }>();
    for (const target of targets) {
      const row = perAccount.get(target.socialAccountId) ?? { counters: ZERO, posts: 0 };
      const snapshot = latest.get(target.id);
      perAccount.set(target.socialAccountId, { counters: snapshot ? addCounters(row.counters, countersOf(snapshot)) : row.counters, posts: row.posts + 1 });
    }
    const followers = new Map<string, { first: number; last: number }>();
    for (const row of followerRows) {
      const known = followers.get(row.socialAccountId);
      followers.set(row.socialAccountId, { first: known?.first ?? row.followers, last: row.followers });
    }

    const rows = accounts
      .filter((account) => account.status !== "DISCONNECTED" || perAccount.has(account.id))
      .map((account) => {
        const stats = perAccount.get(account.id) ?? { counters: ZERO, posts: 0 };
        const f = followers.get(account.id);
        return {
          account,
          posts: stats.posts,
          ...withRate(stats.counters),
          followers: f?.last ?? null,
          followersChange: f ? f.last - f.first : null,
        };
      });
    const totals = rows.reduce((sum, row) => addCounters(sum, countersOf(row)), ZERO);
    return {
      days: input.days,
      since,
      totals: { posts: rows.reduce((n, row) => n + row.posts, 0), ...withRate(totals) },
      accounts: rows,
    };
  });
