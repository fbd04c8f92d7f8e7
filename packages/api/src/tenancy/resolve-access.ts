import { systemDb, systemRows } from "@mg/db/system";
import { Prisma, type Organization, type Role } from "@mg/db";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One row: the organization, the user's direct role in it, the parent agency and their role there. */
type AccessRow = Organization & { directRole: Role | null; agencyRole: Role | null; parent: { name: string; slug: string } | null };

/**
 * Every request into an organization pays for this, so it is one statement through the driver
 * alone (one round trip, no ORM pipeline) instead of a lookup per table; scalar subqueries rather
 * than joins, which PostgreSQL plans in a fraction of the time (it is planned on every request). The
 * organization's columns are spelled out as Prisma names them: `test/tenancy/resolve-access.test.ts`
 * proves the row equals Prisma's own read, so a column added to the model cannot be missed here.
 */
export async function resolveOrgAccess(userId: string, orgSlug: string): Promise<OrgAccess | null> {
  // A user id that is not a uuid belongs to nobody (and would not survive the cast below).
  if (!UUID.test(userId)) return null;
  const [row] = await systemRows<AccessRow>(Prisma.sql`
    SELECT o.id, o.parent_id AS "parentId", o.kind::text AS kind, o.name, o.slug, o.plan::text AS plan, o.status::text AS status,
           o.trial_ends_at AS "trialEndsAt", o.limit_overrides AS "limitOverrides", o.feature_flags AS "featureFlags", o.branding,
           o.timezone, o.country, o.industry, o.data_residency::text AS "dataResidency", o.provisioned_at AS "provisionedAt",
           o.deleted_at AS "deletedAt", o.created_at AS "createdAt", o.updated_at AS "updatedAt",
           (SELECT d.role::text FROM memberships d WHERE d.organization_id = o.id AND d.user_id = ${userId}::uuid) AS "directRole",
           (SELECT a.role::text FROM memberships a WHERE a.organization_id = o.parent_id AND a.user_id = ${userId}::uuid) AS "agencyRole",
           (SELECT json_build_object('name', p.name, 'slug', p.slug) FROM organizations p WHERE p.id = o.parent_id) AS parent
    FROM organizations o
    WHERE o.slug = ${orgSlug} AND o.deleted_at IS NULL`);
  if (!row) return null;
  const { directRole, agencyRole, parent, ...organization } = row;
  const role = directRole ?? agencyRole;
  if (!role) return null;
  return { organization, role, via: directRole ? "direct" : "agency", parent };
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
