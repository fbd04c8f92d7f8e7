import { orgProcedure } from "../../trpc/init";
import { confirmLiveSchema } from "../../schemas/posts";
import { confirmLive } from "../../services/posts/outcome-unknown";

/** "It is live": the user found the unconfirmed post on the network (optionally with its address). */
export const confirmLiveProcedure = orgProcedure("posts.publish")
  .input(confirmLiveSchema)
  .mutation(async ({ ctx, input }) => {
    const result = await confirmLive({ db: ctx.db, org: ctx.org, role: ctx.role, userId: ctx.user.id }, input);
    ctx.audit.target("post", result.target.postId);
    ctx.audit.note({ targetId: result.target.id, decision: "it-is-live", url: result.target.externalUrl });
    return result.target;
  });
