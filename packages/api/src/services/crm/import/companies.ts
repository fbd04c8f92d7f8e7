import { randomUUID } from "node:crypto";
import type { TenantDb } from "@mg/db";
import { isFreeMailDomain, registrableDomain } from "../normalize";
import type { ImportRow } from "./rows";

/**
 * A row's company, found by domain (the unique key) or by name (case-insensitively), or created.
 * The domain is the row's website column, else its email's domain unless that is free mail.
 */
export interface CompanyWant {
  name: string;
  domain: string | null;
}

export function companyWanted(row: ImportRow): CompanyWant | null {
  // The email's domain only matters next to a company name: not looked up (tldts) otherwise.
  const fromEmail = row.company && row.email ? registrableDomain(row.email) : null;
  const domain = row.companyDomain ?? (fromEmail && !isFreeMailDomain(fromEmail) ? fromEmail : null);
  if (!row.company && !domain) return null;
  return { name: row.company ?? domain ?? "", domain };
}

/** The key a wanted company is deduplicated by within a chunk. */
export function companyRefKey(want: CompanyWant): string {
  return want.domain ? `domain:${want.domain}` : `name:${want.name.toLowerCase()}`;
}

/** Ref key → existing company id, for the wanted companies that exist. */
export async function findCompanies(db: TenantDb, organizationId: string, wants: readonly CompanyWant[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (wants.length === 0) return found;
  const domains = [...new Set(wants.flatMap((w) => (w.domain ? [w.domain] : [])))];
  const names = [...new Set(wants.map((w) => w.name.toLowerCase()))];
  const rows = await db.$queryRaw<{ id: string; name_key: string; domain_key: string | null }[]>`
    SELECT id, lower(name) AS name_key, domain_key FROM companies
    WHERE organization_id = ${organizationId}::uuid AND deleted_at IS NULL AND merged_into_id IS NULL
      AND (domain_key = ANY(${domains}::text[]) OR lower(name) = ANY(${names}::text[]))
    ORDER BY created_at, id`;
  const byDomain = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const r of rows) {
    if (r.domain_key && !byDomain.has(r.domain_key)) byDomain.set(r.domain_key, r.id);
    if (!byName.has(r.name_key)) byName.set(r.name_key, r.id);
  }
  for (const want of wants) {
    const id = (want.domain ? byDomain.get(want.domain) : undefined) ?? byName.get(want.name.toLowerCase());
    if (id) found.set(companyRefKey(want), id);
  }
  return found;
}

/**
 * Creates the wanted companies that do not exist (one INSERT), returning every ref's id. A domain
 * another transaction claimed meanwhile is looked up instead (ON CONFLICT DO NOTHING).
 */
export async function ensureCompanies(db: TenantDb, organizationId: string, wants: readonly CompanyWant[], ownerUserId: string | null): Promise<Map<string, string>> {
  const ids = await findCompanies(db, organizationId, wants);
  const missing = new Map<string, CompanyWant>();
  for (const want of wants) {
    const key = companyRefKey(want);
    if (!ids.has(key) && !missing.has(key)) missing.set(key, want);
  }
  if (missing.size === 0) return ids;
  const list = [...missing.entries()].map(([key, want]) => ({ key, want, id: randomUUID() }));
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO companies (id, organization_id, name, domain, domain_key, owner_user_id, updated_at)
    SELECT c.id, ${organizationId}::uuid, c.name, c.domain, c.domain, ${ownerUserId}::uuid, now()
    FROM unnest(${list.map((c) => c.id)}::uuid[], ${list.map((c) => c.want.name)}::text[], ${list.map((c) => c.want.domain)}::text[]) AS c(id, name, domain)
    ON CONFLICT (organization_id, domain_key) DO NOTHING
    RETURNING id`;
  const made = new Set(inserted.map((r) => r.id));
  for (const c of list) if (made.has(c.id)) ids.set(c.key, c.id);
  if (made.size < list.length) {
    const again = await findCompanies(db, organizationId, list.filter((c) => !made.has(c.id)).map((c) => c.want));
    for (const [key, id] of again) ids.set(key, id);
  }
  return ids;
}
