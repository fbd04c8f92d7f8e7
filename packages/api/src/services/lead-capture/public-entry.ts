import { db as globalDb, Prisma, readPublic, withOrg, type QueryRows, type TenantDb } from "@mg/db";

/**
 * The one way public surfaces (landing pages, hosted forms and intake, link redirects) reach an
 * organization's rows without a member: a READ ONLY transaction that enters through
 * `mg_enter_public_organization(slug)` / `_by_id(id)` (migration 20261204011545_lead_capture).
 * The function returns the organization's public row and — only when it is live (TRIAL/ACTIVE,
 * not deleted) — puts it in the transaction's RLS scope; every statement after it sees that one
 * organization's rows and nothing else, whatever the request names.
 *
 * States: `live` (fn ran), `gone` (deleted: the site answers 410), `not-found` (no such
 * organization, or suspended/archived: 404, so a suspension reveals nothing). Writes (a form
 * submission, a visit) go through `withLiveOrganization` below, which enters the same way.
 */
export interface PublicOrganization {
  id: string;
  slug: string;
  name: string;
  status: string;
  branding: unknown;
  timezone: string;
  country: string | null;
}

export type PublicOrganizationKey = { slug: string } | { id: string };

export type PublicEntry<T> = { state: "live"; org: PublicOrganization; value: T } | { state: "gone"; org: PublicOrganization } | { state: "not-found" };

interface EntryRow {
  id: string;
  slug: string;
  name: string;
  status: string;
  branding: unknown;
  timezone: string;
  country: string | null;
  deleted_at: Date | null;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a public statement gets: raw rows on the entered transaction (RLS: the entered organization only). */
export interface PublicRows {
  $organizationId: string;
  $queryRows: QueryRows;
}

export async function withPublicOrganization<T>(key: PublicOrganizationKey, fn: (db: PublicRows, org: PublicOrganization) => Promise<T>): Promise<PublicEntry<T>> {
  // Nothing that could not name an organization reaches the database.
  if ("slug" in key ? !SLUG.test(key.slug) : !UUID.test(key.id)) return { state: "not-found" };
  return readPublic(async (query) => {
    const entry = "slug" in key ? Prisma.sql`SELECT * FROM mg_enter_public_organization(${key.slug})` : Prisma.sql`SELECT * FROM mg_enter_public_organization_by_id(${key.id}::uuid)`;
    const [row] = await query<EntryRow>(entry);
    if (!row) return { state: "not-found" } as const;
    const org: PublicOrganization = { id: row.id, slug: row.slug, name: row.name, status: row.status, branding: row.branding, timezone: row.timezone, country: row.country };
    if (row.deleted_at) return { state: "gone", org } as const;
    if (row.status !== "TRIAL" && row.status !== "ACTIVE") return { state: "not-found" } as const;
    return { state: "live", org, value: await fn({ $organizationId: org.id, $queryRows: query }, org) } as const;
  });
}

/** The entry alone: for public writes, which then run in `withOrg(org.id, …)`. */
export async function resolvePublicOrganization(key: PublicOrganizationKey): Promise<PublicEntry<null>> {
  return withPublicOrganization(key, async () => null);
}

/** The organization a public write acts for (the entry function's row, when live). */
export interface LivePublicOrganization {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  country: string | null;
  branding: unknown;
}

function isLive(row: EntryRow | undefined): row is EntryRow {
  return row !== undefined && row.deleted_at === null && (row.status === "TRIAL" || row.status === "ACTIVE");
}

/**
 * Public writes (a form submission, a visit, a consent answer): `fn` runs in ONE read-write
 * transaction of the live organization `organizationId`, entered through the same function as
 * the reads. The transaction's scope is cleared first, so only the entry function can put the
 * organization in scope — a suspended or deleted organization's rows stay out of reach even
 * though its id is known. Null when it is not live (or nobody's).
 */
export async function withLiveOrganization<T>(organizationId: string, fn: (db: TenantDb, org: LivePublicOrganization) => Promise<T>): Promise<T | null> {
  if (!UUID.test(organizationId)) return null;
  const found = await withOrg(organizationId, async (db) => {
    await db.$executeRaw`SELECT set_config('app.current_organization_id', '', true)`;
    const [row] = await db.$queryRaw<EntryRow[]>`
      SELECT id::text AS id, slug, name, status, branding, timezone, country, deleted_at FROM mg_enter_public_organization_by_id(${organizationId}::uuid)`;
    if (!isLive(row) || row.id !== organizationId) return { entered: false as const };
    return { entered: true as const, value: await fn(db, { id: row.id, slug: row.slug, name: row.name, timezone: row.timezone, country: row.country?.trim() ?? null, branding: row.branding }) };
  });
  return found.entered ? found.value : null;
}

/** The same, by the URL's organization slug. */
export async function withLiveOrganizationBySlug<T>(slug: string, fn: (db: TenantDb, org: LivePublicOrganization) => Promise<T>): Promise<T | null> {
  if (!SLUG.test(slug)) return null;
  // Outside a transaction the function only answers which organization the slug names (its
  // set_config ends with the statement); the scope is then entered by id, afresh.
  const [row] = await globalDb().$queryRaw<EntryRow[]>`
    SELECT id::text AS id, slug, name, status, branding, timezone, country, deleted_at FROM mg_enter_public_organization(${slug})`;
  if (!isLive(row)) return null;
  return withLiveOrganization(row.id, fn);
}
