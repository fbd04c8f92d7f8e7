import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { postMetricsInput } from "../../schemas/analytics";
import { metricsReport, summaryOr } from "../../services/analytics/report";

/**
 * One post's numbers per target: what each hourly reading added (never negative; a reading whose
 * network counters went down is marked) and the sum of those gains. The post's totals are the sum
 * of its targets', all from one report.
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

    const report = await metricsReport(ctx.db, { bucket: "hour", targetIds: post.targets.map((t) => t.id), perTarget: true });
    const targets = post.targets.map((target) => {
      const summary = summaryOr(report, "targets", target.id);
      return {
        targetId: target.id,
        socialAccountId: target.socialAccountId,
        accountName: target.socialAccount.name,
        accountHandle: target.socialAccount.handle,
        network: target.network,
        status: target.status,
        externalUrl: target.externalUrl,
        publishedAt: target.publishedAt,
        lastFetchedPeriod: summary.lastReading,
        totals: summary.totals,
        series: summary.series.map(({ period, ...numbers }) => ({ periodStart: new Date(period), ...numbers })),
      };
    });
    return { postId: post.id, status: post.status, publishedAt: post.publishedAt, totals: report.all.totals, targets };
  });
