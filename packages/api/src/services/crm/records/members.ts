import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@mg/db";
import { listInheritedMembers } from "../../../tenancy/inherited-members";

/**
 * A record's owner must be someone with access to the organization: a direct member, or — in an
 * agency's client — a member of the agency (who reaches the client by inheritance).
 */
export async function assertOwnerIsMember(db: TenantDb, org: { parentId: string | null }, userId: string): Promise<void> {
  const direct = await db.membership.findFirst({ where: { userId }, select: { id: true } });
  if (direct) return;
  if (org.parentId) {
    const inherited = await listInheritedMembers(org.parentId);
    if (inherited.some((m) => m.user.id === userId)) return;
  }
  throw new TRPCError({ code: "BAD_REQUEST", message: "The owner must be a member of this organization." });
}
