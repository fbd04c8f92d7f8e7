import { Prisma, readPublic, type QueryRows } from "@mg/db";

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
 * submission) take the live row's id into `withOrg(org.id, …)`.
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
