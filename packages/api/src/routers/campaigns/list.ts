import { orgProcedure } from "../../trpc/init";
import { campaignListInput } from "../../schemas/campaigns";
import { CAMPAIGN_SELECT, parseKpiTargets, postCountsByCampaign } from "./shared";

export const listCampaigns = orgProcedure("campaigns.read")
  .input(campaignListInput)
  .query(async ({ ctx, input }) => {
    const campaigns = await ctx.db.campaign.findMany({
      where: input.includeArchived ? {} : { archivedAt: null },
      orderBy: [{ startsOn: "desc" }, { name: "asc" }],
      select: CAMPAIGN_SELECT,
    });
    const counts = await postCountsByCampaign(
      ctx.db,
      campaigns.map((c) => c.id),
    );
    return campaigns.map((campaign) => ({
      ...campaign,
      kpiTargets: parseKpiTargets(campaign.kpiTargets),
      ...(counts.get(campaign.id) ?? { postCount: 0, publishedCount: 0 }),
    }));
  });
