import { orgProcedure } from "../../trpc/init";
import { listInheritedMembers } from "../../tenancy/inherited-members";

export const listMembers = orgProcedure("users.read", { transaction: "per-operation" }).query(async ({ ctx }) => {
  const [members, invitations, inherited] = await Promise.all([
    ctx.db.membership.findMany({
      orderBy: [{ createdAt: "asc" }],
      select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true, image: true } } },
    }),
    ctx.db.invitation.findMany({
      where: { acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true, email: true } } },
    }),
    ctx.org.parentId ? listInheritedMembers(ctx.org.parentId) : Promise.resolve([]),
  ]);
  const now = Date.now();
  return {
    members,
    invitations: invitations.map((i) => ({ ...i, expired: i.expiresAt.getTime() < now })),
    inherited,
    myUserId: ctx.user.id,
  };
});
