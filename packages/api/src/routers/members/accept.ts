import { TRPCError } from "@trpc/server";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { publicProcedure, verifiedProcedure } from "../../trpc/init";
import { invitationTokenInput } from "../../schemas/members";
import { hashLinkToken } from "../../services/tokens";
import { ROLE_RANK } from "../../rbac";

/**
 * Invitation lookup by token is system work: the person holding the link is not a member yet.
 * The token's hash is the only key, and an unknown, used or expired token all read the same.
 */
async function findOpenInvitation(token: string) {
  const invitation = await systemDb().invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    include: { organization: { select: { id: true, name: true, slug: true, deletedAt: true } }, invitedBy: { select: { name: true, email: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.organization.deletedAt || invitation.expiresAt < new Date()) {
    throw new TRPCError({ code: "NOT_FOUND", message: "This invitation link is invalid, expired or already used." });
  }
  return invitation;
}

export const invitationPreview = publicProcedure.input(invitationTokenInput).query(async ({ input }) => {
  const invitation = await findOpenInvitation(input.token);
  return {
    organizationName: invitation.organization.name,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedBy?.name ?? invitation.invitedBy?.email ?? null,
    expiresAt: invitation.expiresAt,
  };
});

export const acceptInvitation = verifiedProcedure.input(invitationTokenInput).mutation(async ({ ctx, input }) => {
  const invitation = await findOpenInvitation(input.token);
  if (invitation.email.toLowerCase() !== ctx.user.email.toLowerCase()) {
    throw new TRPCError({ code: "FORBIDDEN", message: `This invitation was sent to ${invitation.email}. Sign in with that address to accept it.` });
  }
  const organizationId = invitation.organizationId;
  await withOrg(
    organizationId,
    async (db) => {
      // Claiming the invitation first makes a double click (or a replayed request) a no-op.
      const claimed = await db.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
      if (claimed.count === 0) throw new TRPCError({ code: "NOT_FOUND", message: "This invitation link is invalid, expired or already used." });
      const existing = await db.membership.findFirst({ where: { userId: ctx.user.id } });
      if (!existing) {
        await db.membership.create({ data: { organizationId, userId: ctx.user.id, role: invitation.role } });
      } else if (ROLE_RANK[invitation.role] > ROLE_RANK[existing.role]) {
        await db.membership.update({ where: { id: existing.id }, data: { role: invitation.role } });
      }
    },
    { userId: ctx.user.id },
  );
  ctx.audit.organization(organizationId);
  ctx.audit.target("invitation", invitation.id);
  ctx.audit.note({ email: invitation.email, role: invitation.role });
  return { organizationSlug: invitation.organization.slug, organizationName: invitation.organization.name, role: invitation.role };
});
