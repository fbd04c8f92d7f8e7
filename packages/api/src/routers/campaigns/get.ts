import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { campaignIdInput, type KpiMetric } from "../../schemas/campaigns";
import { addCounters, countersOf, latestSnapshots, withRate, ZERO } from "../analytics/metrics";
import { CAMPAIGN_SELECT, parseKpiTargets } from "./shared";

const POSTS_SHOWN = 500;

/** A campaign with its posts and how far its KPI targets are reached (latest snapshots only). */
export const getCampaign = orgProcedure("campaigns.read")
  .input(campaignIdInput)
  .query(async ({ ctx, input }) => {
    const campaign = await ctx.db.campaign.findFirst({ where: { id: input.campaignId }, select: CAMPAIGN_SELECT });
    if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "Campaign not found." });

    const posts = await ctx.db.post.findMany({
      where: { campaignId: campaign.id },
      orderBy: [{ scheduledAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      take: POSTS_SHOWN,
      select: {
        id: true,
        content: true,
        status: true,
        timezone: true,
        localTime: true,
        scheduledAt: true,
        publishedAt: true,
        labels: true,
        targets: { select: { id: true, socialAccountId: true, network: true, status: true, externalUrl: true } },
      },
    });
    const postCount = await ctx.db.post.count({ where: { campaignId: campaign.id } });
    const publishedTargets = posts.flatMap((p) => p.targets.filter((t) => t.status === "PUBLISHED").map((t) => t.id));
    const latest = await latestSnapshots(ctx.db, publishedTargets);
    const totals = withRate([...latest.values()].reduce((sum, s) => addCounters(sum, countersOf(s)), ZERO));

    const byStatus: Record<string, number> = {};
    for (const post of posts) byStatus[post.status] = (byStatus[post.status] ?? 0) + 1;
    const publishedCount = (byStatus.PUBLISHED ?? 0) + (byStatus.PARTIAL ?? 0);

    const actual = (metric: KpiMetric): number | null => {
      if (metric === "posts") return publishedCount;
      if (metric === "followers") return null;
      return totals[metric];
    };
    const kpiTargets = parseKpiTargets(campaign.kpiTargets);
    return {
      ...campaign,
      kpiTargets,
      postCount,
      publishedCount,
      summary: { byStatus, totals },
      kpiProgress: kpiTargets.map((kpi) => ({ ...kpi, actual: actual(kpi.metric) })),
      posts: posts.map((post) => ({ ...post, content: post.content.slice(0, 280) })),
      postsTruncated: postCount > posts.length,
    };
  });
