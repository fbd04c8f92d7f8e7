import { randomUUID } from "node:crypto";
import { orgProcedure } from "../../trpc/init";
import { createLinkInput } from "../../schemas/links";
import { campaignColumn, claimLinkCode, compactUtm, destinationColumns, findLink, presentLink } from "../../services/lead-capture/links";

/** A tracked link: its code is claimed globally (vanity, or generated with retries) in the same transaction. */
export const createLink = orgProcedure("links.edit")
  .input(createLinkInput)
  .mutation(async ({ ctx, input }) => {
    const destination = await destinationColumns(ctx.db, input.destination);
    const campaignId = await campaignColumn(ctx.db, input.campaignId);
    const id = randomUUID();
    const code = await claimLinkCode(ctx.db, id, input.code);
    await ctx.db.trackedLink.create({
      data: { id, organizationId: ctx.org.id, code, name: input.name, ...destination, utm: compactUtm(input.utm), campaignId, createdById: ctx.user.id },
    });
    ctx.audit.target("tracked_link", id);
    ctx.audit.note({ code, name: input.name });
    return presentLink(await findLink(ctx.db, id), ctx.org.slug);
  });
