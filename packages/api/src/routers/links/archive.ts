import { orgProcedure } from "../../trpc/init";
import { archiveLinkInput } from "../../schemas/links";
import { findLink, presentLink } from "../../services/lead-capture/links";

/** Archived links answer 404 at /r/{code} (the code stays theirs); restoring brings them back. */
export const archiveLink = orgProcedure("links.edit")
  .input(archiveLinkInput)
  .mutation(async ({ ctx, input }) => {
    const link = await findLink(ctx.db, input.linkId);
    if ((link.archivedAt !== null) !== input.archived) {
      await ctx.db.trackedLink.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: link.id } }, data: { archivedAt: input.archived ? new Date() : null } });
    }
    ctx.audit.target("tracked_link", link.id);
    ctx.audit.note({ archived: input.archived });
    return presentLink(await findLink(ctx.db, link.id), ctx.org.slug);
  });
