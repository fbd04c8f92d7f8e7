import { Prisma, type Organization, type Role } from "../generated/prisma/client";

/**
 * One row of `mg_organization_access` / `mg_enter_organization` (migration
 * 20261203150000_organization_access): the organization as Prisma names and types it, the
 * caller's role there, how they hold it, and the parent agency. The rule itself lives in that SQL
 * function only.
 */
export type OrganizationAccessRow = Organization & {
  role: Role;
  via: "direct" | "agency";
  parentName: string | null;
  parentSlug: string | null;
};

/** The system path's lookup (the owner calls the function; the app role may not). */
export function organizationAccessSql(userId: string, slug: string): Prisma.Sql {
  return Prisma.sql`SELECT * FROM mg_organization_access(${userId}::uuid, ${slug})`;
}

/** The read path's entry, for the user the same transaction has set (it sets the organization). */
export const ENTER_ORGANIZATION_SQL = "SELECT * FROM mg_enter_organization";
