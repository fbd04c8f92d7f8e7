import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { campaignLeadsInput } from "../../schemas/links";
import { campaignLeads } from "../../services/lead-capture/campaign-leads";

/**
 * The leads and contacts a campaign produced: contacts whose first or last touch came through one
 * of its tracked links or carries its UTM campaign. Contacts are CRM records, so this is a CRM
 * read (`contacts.read`, with "own records only" applied) rather than a campaigns one.
 */
export const campaignLeadsProcedure = crmProcedure("contacts.read")
  .input(campaignLeadsInput)
  .query(async ({ ctx, input }) => {
    const campaign = await ctx.db.campaign.findFirst({ where: { id: input.campaignId }, select: { id: true, name: true } });
    if (!campaign) throw new TRPCError({ code: "NOT_FOUND", message: "Campaign not found." });
    return campaignLeads(ctx.db, campaign, ctx.visibility, input.limit);
  });
