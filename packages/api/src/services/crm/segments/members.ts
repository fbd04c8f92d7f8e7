import type { TenantDb } from "@mg/db";
import { listInheritedMembers } from "../../../tenancy/inherited-members";

export interface AssignableMember {
  id: string;
  name: string | null;
  email: string;
}

/**
 * The people who can own records here: the organization's members and, in a client organization,
 * its agency's members (who reach it by inheritance and often own the client's contacts). Each once.
 */
export async function assignableMembers(db: TenantDb, parentId: string | null): Promise<AssignableMember[]> {
  const direct = await db.membership.findMany({ orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, name: true, email: true } } } });
  const inherited = parentId ? await listInheritedMembers(parentId) : [];
  const seen = new Set<string>();
  const people: AssignableMember[] = [];
  for (const user of [...direct.map((m) => m.user), ...inherited.map((m) => m.user)]) {
    if (seen.has(user.id)) continue;
    seen.add(user.id);
    people.push(user);
  }
  return people;
}
