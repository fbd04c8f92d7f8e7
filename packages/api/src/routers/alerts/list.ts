import { orgProcedure } from "../../trpc/init";
import { alertListInput } from "../../schemas/alerts";

const LIST_LIMIT = 100;

/** The newest alerts (and how many are unread in total, for the bell's badge). */
export const listAlerts = orgProcedure("posts.read")
  .input(alertListInput)
  .query(async ({ ctx, input }) => {
    // One transaction is one connection: its queries run one after another.
    const items = await ctx.db.alert.findMany({
      where: input.unreadOnly ? { readAt: null } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIST_LIMIT,
      select: { id: true, kind: true, title: true, body: true, postId: true, socialAccountId: true, createdAt: true, readAt: true },
    });
    const unreadCount = await ctx.db.alert.count({ where: { readAt: null } });
    return { items, unreadCount };
  });
