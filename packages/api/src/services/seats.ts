import type { Organization, Role, TenantDb } from "@mg/db";
import { listInheritedMembers } from "../tenancy/inherited-members";

/**
 * Seats: the people who can work in an organization, each counted once — how billing will count
 * them (docs/tenancy.md, "Seats"). A business or an agency: its direct members. A client
 * organization: its direct members and its agency's members, who reach it by inheritance; a person
 * who is both counts once (their direct role is the one that applies). Pending invitations are not
 * seats yet: the plan's member limit holds room for them, billing starts when they are accepted.
 */
export interface SeatCount {
  /** Distinct people with access. */
  total: number;
  /** People with a membership in the organization itself. */
  direct: number;
  /** People who reach it only through the agency (not also direct members). */
  inherited: number;
}

/** Counts people once across both lists. Pure: the rule, separate from reading who they are. */
export function countSeats(direct: readonly { userId: string }[], inherited: readonly { userId: string }[]): SeatCount {
  const directIds = new Set(direct.map((m) => m.userId));
  const inheritedOnly = new Set(inherited.map((m) => m.userId).filter((id) => !directIds.has(id)));
  return { total: directIds.size + inheritedOnly.size, direct: directIds.size, inherited: inheritedOnly.size };
}

export interface InheritedMember {
  role: Role;
  user: { id: string; name: string | null; email: string };
  /** Also a direct member here: their direct role applies and they are counted there. */
  alsoDirect: boolean;
}

export interface OrganizationSeats {
  seats: SeatCount;
  inherited: InheritedMember[];
}

/**
 * The seats of the organization in scope and who holds them through the agency. Reads the agency's
 * members through the system path (tenancy/inherited-members), so it needs a procedure whose
 * operations are separate transactions (`transaction: "per-operation"`).
 */
export async function organizationSeats(db: TenantDb, org: Pick<Organization, "parentId">): Promise<OrganizationSeats> {
  const [direct, agency] = await Promise.all([db.membership.findMany({ select: { userId: true } }), org.parentId ? listInheritedMembers(org.parentId) : Promise.resolve([])]);
  const directIds = new Set(direct.map((m) => m.userId));
  return {
    seats: countSeats(direct, agency.map((m) => ({ userId: m.user.id }))),
    inherited: agency.map((m) => ({ ...m, alsoDirect: directIds.has(m.user.id) })),
  };
}
