import { orgProcedure } from "../../trpc/init";
import { createCampaignInput } from "../../schemas/campaigns";
import { assertQuota } from "../../quotas";
import { assertNameFree, CAMPAIGN_SELECT, parseKpiTargets } from "./shared";

export const createCampaign = orgProcedure("campaigns.manage")
  .input(createCampaignInput)
  .mutation(async ({ ctx, input }) => {
    await assertQuota(ctx.db, ctx.org, "campaigns");
    await assertNameFree(ctx.db, input.name);
    const campaign = await ctx.db.campaign.create({
      data: {
        organizationId: ctx.org.id,
        name: input.name,
        goal: input.goal ?? null,
        kpiTargets: input.kpiTargets,
        budgetCents: input.budgetCents ?? null,
        currency: input.currency,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        color: input.color,
        createdById: ctx.user.id,
      },
      select: CAMPAIGN_SELECT,
    });
    ctx.audit.target("campaign", campaign.id);
    ctx.audit.note({ name: campaign.name });
    return { ...campaign, kpiTargets: parseKpiTargets(campaign.kpiTargets), postCount: 0, publishedCount: 0 };
  });
