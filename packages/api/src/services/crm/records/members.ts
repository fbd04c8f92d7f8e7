import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@mg/db";
import { listInheritedMembers } from "../../../tenancy/inherited-members";

/**
 * Someone with access to the organization: a direct member, or — in an agency's client — a member
 * of the agency (who reaches the client by inheritance). The one rule for every CRM owner or
 * assignee (contacts, companies, deals, tasks, an import's owner).
 */
export async function isOrganizationMember(db: TenantDb, org: { parentId: string | null }, userId: string): Promise<boolean> {
  const direct = await db.membership.findFirst({ where: { userId }, select: { id: true } });
  if (direct) return true;
  if (!org.parentId) return false;
  const inherited = await listInheritedMembers(org.parentId);
  return inherited.some((m) => m.user.id === userId);
}

/** A contact's or company's owner must be a member (isOrganizationMember). */
export async function assertOwnerIsMember(db: TenantDb, org: { parentId: string | null }, userId: string): Promise<void> {
  if (await isOrganizationMember(db, org, userId)) return;
  throw new TRPCError({ code: "BAD_REQUEST", message: "The owner must be a member of this organization." });
}
