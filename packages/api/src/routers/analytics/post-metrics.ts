import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { postMetricsInput } from "../../schemas/analytics";
import { addCounters, countersOf, deltasOf, snapshotsOf, withRate, ZERO } from "./metrics";

/**
 * One post's numbers per target: an hourly series of increments (snapshot differences) and the
 * totals of the latest snapshot. The post's totals add each target's latest snapshot once.
 */
export const postMetrics = orgProcedure("analytics.view_detailed")
  .input(postMetricsInput)
  .query(async ({ ctx, input }) => {
    const post = await ctx.db.post.findFirst({
      where: { id: input.postId },
      select: {
        id: true,
        status: true,
        publishedAt: true,
        targets: {
          orderBy: { createdAt: "asc" },
          select: {
            id: true,
            socialAccountId: true,
            network: true,
            status: true,
            externalUrl: true,
            publishedAt: true,
            socialAccount: { select: { name: true, handle: true } },
          },
        },
      },
    });
    if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "Post not found." });

    const snapshots = await snapshotsOf(
      ctx.db,
      post.targets.map((t) => t.id),
    );
    const deltas = deltasOf(snapshots);
    let postTotals = ZERO;
    const targets = post.targets.map((target) => {
      const own = snapshots.filter((s) => s.postTargetId === target.id);
      const latest = own.at(-1);
      const totals = latest ? countersOf(latest) : ZERO;
      postTotals = addCounters(postTotals, totals);
      return {
        targetId: target.id,
        socialAccountId: target.socialAccountId,
        accountName: target.socialAccount.name,
        accountHandle: target.socialAccount.handle,
        network: target.network,
        status: target.status,
        externalUrl: target.externalUrl,
        publishedAt: target.publishedAt,
        lastFetchedPeriod: latest?.periodStart ?? null,
        totals: withRate(totals),
        series: deltas.filter((d) => d.postTargetId === target.id).map((d) => ({ periodStart: d.periodStart, ...withRate(countersOf(d)) })),
      };
    });
    return { postId: post.id, status: post.status, publishedAt: post.publishedAt, totals: withRate(postTotals), targets };
  });
