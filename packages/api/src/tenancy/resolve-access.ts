import { systemDb, systemRows } from "@mg/db/system";
import { organizationAccessSql, type Organization, type OrganizationAccessRow, type Role } from "@mg/db";

/**
 * Who may enter which organization. The rule is the database's `mg_organization_access` (a
 * direct membership decides the role; otherwise a membership in the parent agency is inherited;
 * deleted organizations do not exist for anyone); this module is the only place the API asks it,
 * through the system path by necessity: it decides the tenant, so it cannot yet be scoped to one.
 */
export interface OrgAccess {
  organization: Organization;
  role: Role;
  /** "direct" membership, or "agency" when inherited from the parent agency. */
  via: "direct" | "agency";
  /** The managing agency of a client organization (outside the client's RLS scope, so read here). */
  parent: { name: string; slug: string } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The access row as the API speaks of it: the organization apart from the caller's role. */
export function accessFromRow(row: OrganizationAccessRow): OrgAccess {
  const { role, via, parentName, parentSlug, ...organization } = row;
  return { organization, role, via, parent: parentName !== null && parentSlug !== null ? { name: parentName, slug: parentSlug } : null };
}

/**
 * Every request into an organization pays for this: one statement, the database's own
 * `mg_organization_access` (the only statement of the rule), sent by the driver alone (one round
 * trip, no ORM pipeline). `test/tenancy/resolve-access.test.ts` proves the organization in it
 * equals Prisma's own read, so a column added to the model cannot be missed there. The read path
 * enters through the same function inside its own transaction (`readEnteringOrg`).
 */
export async function resolveOrgAccess(userId: string, orgSlug: string): Promise<OrgAccess | null> {
  // A user id that is not a uuid belongs to nobody (and would not survive the cast).
  if (!UUID.test(userId)) return null;
  const [row] = await systemRows<OrganizationAccessRow>(organizationAccessSql(userId, orgSlug));
  return row ? accessFromRow(row) : null;
}

export interface MyOrganization {
  id: string;
  slug: string;
  name: string;
  kind: Organization["kind"];
  plan: Organization["plan"];
  status: Organization["status"];
  timezone: string;
  role: Role;
  via: "direct" | "agency";
  parentId: string | null;
  clients: MyOrganization[];
}

/** Every organization the user can enter, agencies with their clients nested. */
export async function listAccessibleOrganizations(userId: string): Promise<MyOrganization[]> {
  const memberships = await systemDb().membership.findMany({
    where: { userId, organization: { deletedAt: null } },
    include: { organization: true },
    orderBy: { organization: { name: "asc" } },
  });
  const directRole = new Map(memberships.map((m) => [m.organizationId, m.role]));
  const agencyIds = memberships.filter((m) => m.organization.kind === "AGENCY").map((m) => m.organizationId);
  const clients = agencyIds.length
    ? await systemDb().organization.findMany({ where: { parentId: { in: agencyIds }, deletedAt: null }, orderBy: { name: "asc" } })
    : [];

  const toItem = (org: Organization, role: Role, via: "direct" | "agency"): MyOrganization => ({
    id: org.id,
    slug: org.slug,
    name: org.name,
    kind: org.kind,
    plan: org.plan,
    status: org.status,
    timezone: org.timezone,
    role,
    via,
    parentId: org.parentId,
    clients: [],
  });

  const top: MyOrganization[] = [];
  for (const m of memberships) {
    // A client the user also belongs to directly is listed under its agency when they can see the agency.
    if (m.organization.parentId && directRole.has(m.organization.parentId)) continue;
    const item = toItem(m.organization, m.role, "direct");
    if (m.organization.kind === "AGENCY") {
      const agencyRole = m.role;
      item.clients = clients
        .filter((c) => c.parentId === m.organizationId)
        .map((c) => {
          const own = directRole.get(c.id);
          return toItem(c, own ?? agencyRole, own ? "direct" : "agency");
        });
    }
    top.push(item);
  }
  return top;
}
