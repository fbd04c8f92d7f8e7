import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { membershipIdInput } from "../../schemas/members";
import { endAllSessions, hasAnyMembership } from "../../auth/sessions";
import { assertCanManageRole, assertNotLastOwner } from "./guards";

export const removeMember = orgProcedure("users.delete")
  .input(membershipIdInput)
  .mutation(async ({ ctx, input }) => {
    const membership = await ctx.db.membership.findFirst({ where: { id: input.membershipId } });
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Member not found." });
    if (membership.userId === ctx.user.id) throw new TRPCError({ code: "BAD_REQUEST", message: "Use “Leave organization” to remove yourself." });
    assertCanManageRole(ctx.role, membership.role);
    await assertNotLastOwner(ctx.db, membership, "be removed");
    await ctx.db.membership.delete({ where: { id: membership.id } });
    // Removed from their last organization: nothing left to work in, so their sessions end now
    // rather than whenever the JWT would expire. After commit: only then is it the last one, and
    // the system connection must not wait on this open transaction.
    ctx.afterCommit(async () => {
      if (!(await hasAnyMembership(membership.userId))) await endAllSessions(membership.userId);
    });
    ctx.audit.target("membership", membership.id);
    ctx.audit.note({ userId: membership.userId, role: membership.role });
    return { id: membership.id };
  });
