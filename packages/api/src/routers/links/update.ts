import { orgProcedure } from "../../trpc/init";
import { updateLinkInput } from "../../schemas/links";
import { campaignColumn, compactUtm, destinationColumns, findLink, presentLink } from "../../services/lead-capture/links";

/** Name, destination, UTM and campaign; the code never changes (printed QR codes keep working). */
export const updateLink = orgProcedure("links.edit")
  .input(updateLinkInput)
  .mutation(async ({ ctx, input }) => {
    const existing = await findLink(ctx.db, input.linkId);
    const destination = input.destination ? await destinationColumns(ctx.db, input.destination) : {};
    const campaign = input.campaignId !== undefined ? { campaignId: await campaignColumn(ctx.db, input.campaignId) } : {};
    await ctx.db.trackedLink.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: existing.id } },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.utm !== undefined ? { utm: compactUtm(input.utm) } : {}),
        ...destination,
        ...campaign,
      },
    });
    ctx.audit.target("tracked_link", existing.id);
    ctx.audit.note({ changed: Object.keys(input).filter((k) => k !== "linkId") });
    return presentLink(await findLink(ctx.db, existing.id), ctx.org.slug);
  });
