import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { archiveCampaignInput } from "../../schemas/campaigns";
import { assertQuota } from "../../quotas";

/** Archived campaigns keep their posts but free their place in the plan; restoring takes it back. */
export const archiveCampaign = orgProcedure("campaigns.manage")
  .input(archiveCampaignInput)
  .mutation(async ({ ctx, input }) => {
    const campaign = await ctx.db.campaign.findFirst({ where: { id: input.campaignId }, select: { id: true, archivedAt: true } });
    if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "Campaign not found." });
    if ((campaign.archivedAt !== null) === input.archived) return { id: campaign.id, archivedAt: campaign.archivedAt };
    if (!input.archived) await assertQuota(ctx.db, ctx.org, "campaigns");
    const updated = await ctx.db.campaign.update({ where: { id: campaign.id }, data: { archivedAt: input.archived ? new Date() : null }, select: { id: true, archivedAt: true } });
    ctx.audit.target("campaign", campaign.id);
    ctx.audit.note({ archived: input.archived });
    return updated;
  });
