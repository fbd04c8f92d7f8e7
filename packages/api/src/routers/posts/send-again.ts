import { orgProcedure } from "../../trpc/init";
import { targetIdSchema } from "../../schemas/posts";
import { sendAgain } from "../../services/posts/outcome-unknown";

/** "Send it again": the user checked and the unconfirmed post is not there; a new attempt, deliberately. */
export const sendAgainProcedure = orgProcedure("posts.publish")
  .input(targetIdSchema)
  .mutation(async ({ ctx, input }) => {
    const { target, events } = await sendAgain({ db: ctx.db, org: ctx.org, role: ctx.role, userId: ctx.user.id }, input.targetId);
    await ctx.emit(events);
    ctx.audit.target("post", target.postId);
    ctx.audit.note({ targetId: target.id, decision: "send-again" });
    return target;
  });
