import { systemDb } from "@mg/db/system";
import type { Organization, Role } from "@mg/db";

/**
 * Who may enter which organization. This module is the only place membership is resolved, and
 * it uses the system path by necessity: it decides the tenant, so it cannot yet be scoped to one.
 *
 * Rule: a direct membership decides the role; otherwise a membership in the parent agency is
 * inherited. Deleted organizations do not exist for anyone.
 */
export interface OrgAccess {
  organization: Organization;
  role: Role;
  /** "direct" membership, or "agency" when inherited from the parent agency. */
  via: "direct" | "agency";
  /** The managing agency of a client organization (outside the client's RLS scope, so read here). */
  parent: { name: string; slug: string } | null;
}

export async function resolveOrgAccess(userId: string, orgSlug: string): Promise<OrgAccess | null> {
  const organization = await systemDb().organization.findUnique({ where: { slug: orgSlug } });
  if (!organization || organization.deletedAt) return null;

  const memberships = await systemDb().membership.findMany({
    where: { userId, organizationId: { in: organization.parentId ? [organization.id, organization.parentId] : [organization.id] } },
    select: { organizationId: true, role: true },
  });
  const direct = memberships.find((m) => m.organizationId === organization.id);
  const inherited = memberships.find((m) => m.organizationId === organization.parentId);
  const membership = direct ?? inherited;
  if (!membership) return null;
  const parent = organization.parentId
    ? await systemDb().organization.findUnique({ where: { id: organization.parentId }, select: { name: true, slug: true } })
    : null;
  return { organization, role: membership.role, via: direct ? "direct" : "agency", parent };
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
