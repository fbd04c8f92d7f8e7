import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { updateCampaignInput } from "../../schemas/campaigns";
import { assertNameFree, CAMPAIGN_SELECT, parseKpiTargets } from "./shared";

export const updateCampaign = orgProcedure("campaigns.manage")
  .input(updateCampaignInput)
  .mutation(async ({ ctx, input }) => {
    const existing = await ctx.db.campaign.findFirst({ where: { id: input.campaignId }, select: CAMPAIGN_SELECT });
    if (!existing) throw new TRPCError({ code: "NOT_FOUND", message: "Campaign not found." });
    const startsOn = input.startsOn ?? existing.startsOn;
    const endsOn = input.endsOn ?? existing.endsOn;
    if (endsOn < startsOn) throw new TRPCError({ code: "BAD_REQUEST", message: "The end date must be on or after the start date." });
    if (input.name !== undefined && input.name !== existing.name) await assertNameFree(ctx.db, input.name, existing.id);

    const { campaignId: _id, ...changes } = input;
    const campaign = await ctx.db.campaign.update({
      where: { id: existing.id },
      data: {
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.goal !== undefined ? { goal: changes.goal } : {}),
        ...(changes.kpiTargets !== undefined ? { kpiTargets: changes.kpiTargets } : {}),
        ...(changes.budgetCents !== undefined ? { budgetCents: changes.budgetCents } : {}),
        ...(changes.currency !== undefined ? { currency: changes.currency } : {}),
        ...(changes.color !== undefined ? { color: changes.color } : {}),
        startsOn,
        endsOn,
      },
      select: CAMPAIGN_SELECT,
    });
    ctx.audit.target("campaign", campaign.id);
    ctx.audit.note({ changed: Object.keys(changes) });
    return { ...campaign, kpiTargets: parseKpiTargets(campaign.kpiTargets) };
  });
