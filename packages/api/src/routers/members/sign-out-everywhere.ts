import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { membershipIdInput } from "../../schemas/members";
import { endAllSessions } from "../../auth/sessions";
import { assertCanManageRole } from "./guards";

/**
 * An admin ends every session of a member (a lost laptop, a leaver who is not removed yet).
 * Whoever may remove the member may do this; the member signs in again.
 */
// Per-operation: the sessions live on the system connection, which must not wait on an open tenant transaction.
export const signOutMemberEverywhere = orgProcedure("users.delete", { transaction: "per-operation" })
  .input(membershipIdInput)
  .mutation(async ({ ctx, input }) => {
    const membership = await ctx.db.membership.findFirst({ where: { id: input.membershipId } });
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Member not found." });
    assertCanManageRole(ctx.role, membership.role);
    const ended = await endAllSessions(membership.userId, { except: membership.userId === ctx.user.id ? ctx.user.sessionId : null });
    ctx.audit.target("membership", membership.id);
    ctx.audit.note({ userId: membership.userId, endedSessions: ended });
    return { ended };
  });
