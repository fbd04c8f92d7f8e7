import { TRPCError } from "@trpc/server";
import { orgProcedure, rateLimit } from "../../trpc/init";
import { inviteMemberInput, invitationIdInput } from "../../schemas/members";
import { assertQuota } from "../../quotas";
import { createLinkToken } from "../../services/tokens";
import { apiEnv } from "../../env";
import { assertCanManageRole } from "./guards";

const INVITATION_DAYS = 7;

export const invite = orgProcedure("users.invite")
  .use(rateLimit("invitations"))
  .input(inviteMemberInput)
  .mutation(async ({ ctx, input }) => {
    assertCanManageRole(ctx.role, input.role);
    const alreadyMember = await ctx.db.membership.findFirst({ where: { user: { email: input.email } }, select: { id: true } });
    if (alreadyMember) throw new TRPCError({ code: "CONFLICT", message: `${input.email} is already a member.` });
    // Re-inviting replaces the pending invitation instead of adding a second seat.
    await ctx.db.invitation.updateMany({ where: { email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    await assertQuota(ctx.db, ctx.org, "users");

    const { token, hash } = createLinkToken();
    const invitation = await ctx.db.invitation.create({
      data: {
        organizationId: ctx.org.id,
        email: input.email,
        role: input.role,
        tokenHash: hash,
        invitedById: ctx.user.id,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      },
    });
    const inviteUrl = `${apiEnv().NEXTAUTH_URL.replace(/\/$/, "")}/invite/${token}`;
    ctx.audit.target("invitation", invitation.id);
    ctx.audit.note({ email: input.email, role: input.role });
    await ctx.db.onboardingTask.updateMany({ where: { key: "invite-teammate", completedAt: null }, data: { completedAt: new Date() } });
    await ctx.emit({
      name: "member/invited",
      data: { organizationId: ctx.org.id, invitationId: invitation.id, email: input.email, inviteUrl, organizationName: ctx.org.name, inviterName: ctx.user.name ?? ctx.user.email },
    });
    return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, inviteUrl };
  });

export const revokeInvitation = orgProcedure("users.invite")
  .input(invitationIdInput)
  .mutation(async ({ ctx, input }) => {
    const invitation = await ctx.db.invitation.findFirst({ where: { id: input.invitationId, acceptedAt: null, revokedAt: null } });
    if (!invitation) throw new TRPCError({ code: "NOT_FOUND", message: "Invitation not found." });
    assertCanManageRole(ctx.role, invitation.role);
    await ctx.db.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    ctx.audit.target("invitation", invitation.id);
    ctx.audit.note({ email: invitation.email });
    return { id: invitation.id };
  });
