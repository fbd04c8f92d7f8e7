import { orgProcedure } from "../../trpc/init";
import { organizationSeats } from "../../services/seats";

/**
 * Everyone with access: direct members, the agency's people who reach a client by inheritance
 * (who, which role, via which agency), pending invitations, and the seat count billing will use
 * (services/seats.ts), so the page's header and the plan agree.
 */
export const listMembers = orgProcedure("users.read", { transaction: "per-operation" }).query(async ({ ctx }) => {
  const [members, invitations, access] = await Promise.all([
    ctx.db.membership.findMany({
      orderBy: [{ createdAt: "asc" }],
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true, image: true } } },
    }),
    ctx.db.invitation.findMany({
      where: { acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true, email: true } } },
    }),
    organizationSeats(ctx.db, ctx.org),
  ]);
  const now = Date.now();
  return {
    members,
    invitations: invitations.map((i) => ({ ...i, expired: i.expiresAt.getTime() < now })),
    inherited: access.inherited,
    /** The managing agency the inherited people come from (null for an agency or a business). */
    via: ctx.parent,
    seats: access.seats,
    myUserId: ctx.user.id,
  };
});
