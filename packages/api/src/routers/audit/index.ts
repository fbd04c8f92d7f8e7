import { createTRPCRouter, orgProcedure } from "../../trpc/init";
import { auditListInput } from "../../schemas/audit";

export const auditRouter = createTRPCRouter({
  /** The actions this organization's log actually holds, for the filter's suggestions. */
  actions: orgProcedure("audit.read").query(async ({ ctx }) => {
    const rows = await ctx.db.auditLog.groupBy({ by: ["action"], _count: { _all: true }, orderBy: { action: "asc" } });
    return rows.map((row) => ({ action: row.action, count: row._count._all }));
  }),

  /** Newest first, keyset-paginated by id cursor, filterable by action prefix, actor and dates. */
  list: orgProcedure("audit.read")
    .input(auditListInput)
    .query(async ({ ctx, input }) => {
      const rows = await ctx.db.auditLog.findMany({
        where: {
          ...(input.action ? { action: { startsWith: input.action } } : {}),
          ...(input.actorId ? { actorId: input.actorId } : {}),
          ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lte: input.to } : {}) } } : {}),
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        select: {
          id: true,
          action: true,
          targetType: true,
          targetId: true,
          ip: true,
          metadata: true,
          createdAt: true,
          actor: { select: { id: true, name: true, email: true } },
        },
      });
      const hasMore = rows.length > input.limit;
      const items = hasMore ? rows.slice(0, input.limit) : rows;
      return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
    }),
});
