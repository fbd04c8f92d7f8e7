import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { markAlertsReadInput } from "../../schemas/alerts";

/** Alerts are the organization's, not one person's: reading one marks it read for everybody. */
export const markRead = orgProcedure("posts.read")
  .input(markAlertsReadInput)
  .mutation(async ({ ctx, input }) => {
    const now = new Date();
    let marked: number;
    if ("all" in input) {
      ({ count: marked } = await ctx.db.alert.updateMany({ where: { readAt: null }, data: { readAt: now } }));
    } else {
      const ids = [...new Set(input.alertIds)];
      const found = await ctx.db.alert.count({ where: { id: { in: ids } } });
      if (found !== ids.length) throw new TRPCError({ code: "NOT_FOUND", message: "Alert not found." });
      ({ count: marked } = await ctx.db.alert.updateMany({ where: { id: { in: ids }, readAt: null }, data: { readAt: now } }));
      if (ids.length === 1 && ids[0]) ctx.audit.target("alert", ids[0]);
    }
    ctx.audit.note({ marked, all: "all" in input });
    return { marked, unreadCount: await ctx.db.alert.count({ where: { readAt: null } }) };
  });
