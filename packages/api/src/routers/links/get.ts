import { orgProcedure } from "../../trpc/init";
import { linkStatsInput } from "../../schemas/links";
import { findLink, presentLink } from "../../services/lead-capture/links";
import { linkStats } from "../../services/lead-capture/link-stats";

/** A link with its numbers over the last `days` UTC days: visits, unique visitors, leads, conversion, per day, QR vs link. */
export const getLink = orgProcedure("links.read")
  .input(linkStatsInput)
  .query(async ({ ctx, input }) => {
    const link = await findLink(ctx.db, input.linkId);
    return { link: presentLink(link, ctx.org.slug), stats: await linkStats(ctx.db, link.id, input.days) };
  });
