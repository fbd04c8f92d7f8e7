import { orgProcedure } from "../../trpc/init";
import { linkListInput } from "../../schemas/links";
import { conversionRate, leadCountsByLink, LINK_SELECT, presentLink, visitCountsByLink } from "../../services/lead-capture/links";

/** Links newest first (keyset on createdAt, id), with visits, unique visitors and leads per link. */
export const listLinks = orgProcedure("links.read")
  .input(linkListInput)
  .query(async ({ ctx, input }) => {
    const cursor = input.cursor ? await ctx.db.trackedLink.findFirst({ where: { id: input.cursor }, select: { id: true, createdAt: true } }) : null;
    const rows = await ctx.db.trackedLink.findMany({
      where: {
        ...(input.includeArchived ? {} : { archivedAt: null }),
        ...(input.campaignId ? { campaignId: input.campaignId } : {}),
        AND: [
          ...(input.search ? [{ OR: [{ name: { contains: input.search, mode: "insensitive" as const } }, { code: { contains: input.search, mode: "insensitive" as const } }] }] : []),
          ...(cursor ? [{ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] : []),
        ],
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: LINK_SELECT,
    });
    const page = rows.slice(0, input.limit);
    const ids = page.map((l) => l.id);
    // One connection (the procedure's transaction): one statement after the other.
    const visits = await visitCountsByLink(ctx.db, ids);
    const leads = await leadCountsByLink(ctx.db, ids);
    return {
      items: page.map((link) => {
        const v = visits.get(link.id) ?? { visits: 0, uniqueVisitors: 0 };
        const l = leads.get(link.id) ?? 0;
        return { ...presentLink(link, ctx.org.slug), visits: v.visits, uniqueVisitors: v.uniqueVisitors, leads: l, conversionRate: conversionRate(l, v.uniqueVisitors) };
      }),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
