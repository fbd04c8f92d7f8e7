import { db as globalDb, withOrg, type TenantDb } from "@mg/db";

/**
 * How the public form surfaces enter an organization (forms' own helper; the lead unifies it with
 * services/lead-capture/public-entry.ts). The SQL functions of migration 20261204011545 decide:
 * they return the organization's public row and put it in RLS scope only when it is live (TRIAL or
 * ACTIVE, not deleted). The transaction starts with the scope *cleared*, so a suspended or deleted
 * organization's rows stay out of reach even though the id is known; the scoped client also filters
 * by this organization. Nothing a visitor sends chooses the organization: a signed token or the
 * URL's slug does.
 */
export interface PublicOrganization {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  country: string | null;
}

interface EntryRow {
  id: string;
  slug: string;
  name: string;
  status: string;
  timezone: string;
  country: string | null;
  deleted_at: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function live(row: EntryRow | undefined): row is EntryRow {
  return row !== undefined && row.deleted_at === null && (row.status === "TRIAL" || row.status === "ACTIVE");
}

/** Runs `fn` in one transaction scoped to the live organization `organizationId`; null when it is not live (or nobody's). */
export async function withPublicFormOrgById<T>(organizationId: string, fn: (db: TenantDb, org: PublicOrganization) => Promise<T>): Promise<T | null> {
  if (!UUID.test(organizationId)) return null;
  const found = await withOrg(organizationId, async (db) => {
    await db.$executeRaw`SELECT set_config('app.current_organization_id', '', true)`;
    const [row] = await db.$queryRaw<EntryRow[]>`
      SELECT id::text AS id, slug, name, status, timezone, country, deleted_at FROM mg_enter_public_organization_by_id(${organizationId}::uuid)`;
    if (!live(row) || row.id !== organizationId) return { entered: false as const };
    return { entered: true as const, value: await fn(db, { id: row.id, slug: row.slug, name: row.name, timezone: row.timezone, country: row.country }) };
  });
  return found.entered ? found.value : null;
}

/** The same, by the URL's organization slug. */
export async function withPublicFormOrgBySlug<T>(slug: string, fn: (db: TenantDb, org: PublicOrganization) => Promise<T>): Promise<T | null> {
  if (!SLUG.test(slug)) return null;
  // Outside a transaction the function only answers which organization the slug names (its
  // set_config ends with the statement); the scope is then entered by id, afresh.
  const [row] = await globalDb().$queryRaw<EntryRow[]>`
    SELECT id::text AS id, slug, name, status, timezone, country, deleted_at FROM mg_enter_public_organization(${slug})`;
  if (!live(row)) return null;
  return withPublicFormOrgById(row.id, fn);
}
