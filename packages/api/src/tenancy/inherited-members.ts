import { systemDb } from "@mg/db/system";

/**
 * The agency's members, who reach a client organization by inheritance. Read through the system
 * path because they live in the parent's scope; callers pass the parent id of an organization the
 * user was already admitted to, and only names, emails and roles leave this function.
 */
export async function listInheritedMembers(agencyId: string) {
  const rows = await systemDb().membership.findMany({
    where: { organizationId: agencyId },
    orderBy: { createdAt: "asc" },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((r) => ({ role: r.role, user: r.user }));
}
