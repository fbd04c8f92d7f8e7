import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { accountIdInput } from "../../schemas/social-accounts";

/**
 * Wipes the tokens and frees the plan seat. The account's scheduled targets are cancelled with a
 * note saying why; a post left with nothing to publish goes back to draft (and its pending run is
 * cancelled), so nothing sits "scheduled" for an account that can no longer post.
 */
export const disconnect = orgProcedure("accounts.manage")
  .input(accountIdInput)
  .mutation(async ({ ctx, input }) => {
    const account = await ctx.db.socialAccount.findFirst({ where: { id: input.accountId }, select: { id: true, name: true, network: true, status: true } });
    if (!account) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found." });
    const now = new Date();
    await ctx.db.socialAccount.update({
      where: { id: account.id },
      data: {
        status: "DISCONNECTED",
        accessTokenEnc: null,
        refreshTokenEnc: null,
        tokenExpiresAt: null,
        refreshTokenExpiresAt: null,
        lastError: null,
        disconnectedAt: now,
      },
    });

    const targets = await ctx.db.postTarget.findMany({ where: { socialAccountId: account.id, status: "SCHEDULED" }, select: { id: true, postId: true } });
    if (targets.length > 0) {
      await ctx.db.postTarget.updateMany({
        where: { id: { in: targets.map((t) => t.id) } },
        data: { status: "CANCELLED", lastError: `Cancelled: ${account.name} was disconnected.`, lastErrorCode: "ACCOUNT_DISCONNECTED" },
      });
    }
    const postIds = [...new Set(targets.map((t) => t.postId))];
    const emptied = postIds.length
      ? await ctx.db.post.findMany({
          where: { id: { in: postIds }, status: "SCHEDULED", targets: { every: { status: "CANCELLED" } } },
          select: { id: true, scheduleVersion: true },
        })
      : [];
    for (const post of emptied) {
      await ctx.db.post.update({ where: { id: post.id }, data: { status: "DRAFT", scheduleVersion: { increment: 1 } } });
    }

    ctx.audit.target("socialAccount", account.id);
    ctx.audit.note({ network: account.network, name: account.name, cancelledTargets: targets.length, postsBackToDraft: emptied.map((p) => p.id) });
    const organizationId = ctx.org.id;
    await ctx.emit(
      emptied.map((post) => {
        const scheduleVersion = post.scheduleVersion + 1;
        return { name: "post/cancelled" as const, id: `post:${post.id}:cancel:v${scheduleVersion}`, data: { organizationId, postId: post.id, scheduleVersion } };
      }),
    );
    return { id: account.id, cancelledTargets: targets.length, postsBackToDraft: emptied.length };
  });
