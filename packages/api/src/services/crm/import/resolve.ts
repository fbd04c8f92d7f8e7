import type { TenantDb } from "@mg/db";
import type { ImportMatchKey } from "../../../schemas/crm/contact-import";
import type { ImportRow } from "./rows";

/**
 * Which live contacts a set of rows names: by the match key, and by the identifiers that are
 * unique per organization (email, external id) so a row can be refused when its email already
 * belongs to someone else instead of stealing it or making a duplicate. Set-based: one query per
 * identifier for the whole chunk.
 */
export interface Resolution {
  /** Match key → contact id. */
  byKey: Map<string, string>;
  /** Email → owning live contact. */
  emailOwner: Map<string, string>;
  /** External id key → owning live contact. */
  externalOwner: Map<string, string>;
}

export async function resolveRows(db: TenantDb, organizationId: string, matchKey: ImportMatchKey, rows: readonly ImportRow[]): Promise<Resolution> {
  const emails = [...new Set(rows.flatMap((r) => (r.email ? [r.email] : [])))];
  const externals = [...new Set(rows.flatMap((r) => (r.externalId ? [r.externalId.toLowerCase()] : [])))];
  const emailRows = emails.length
    ? await db.$queryRaw<{ key: string; contact_id: string }[]>`
        SELECT email_key AS key, contact_id FROM contact_emails
        WHERE organization_id = ${organizationId}::uuid AND email_key = ANY(${emails}::text[])`
    : [];
  const externalRows = externals.length
    ? await db.$queryRaw<{ key: string; contact_id: string }[]>`
        SELECT external_id_key AS key, id AS contact_id FROM contacts
        WHERE organization_id = ${organizationId}::uuid AND external_id_key = ANY(${externals}::text[])`
    : [];
  const emailOwner = new Map(emailRows.map((r) => [r.key, r.contact_id]));
  const externalOwner = new Map(externalRows.map((r) => [r.key, r.contact_id]));
  let byKey: Map<string, string>;
  if (matchKey === "email") byKey = emailOwner;
  else if (matchKey === "externalId") byKey = externalOwner;
  else {
    const phones = [...new Set(rows.map((r) => r.key))];
    // Phones are not unique: several live contacts may share one; the oldest is the match.
    const phoneRows = phones.length
      ? await db.$queryRaw<{ key: string; contact_id: string }[]>`
          SELECT DISTINCT ON (p.e164) p.e164 AS key, p.contact_id
          FROM contact_phones p JOIN contacts c ON c.organization_id = p.organization_id AND c.id = p.contact_id
          WHERE p.organization_id = ${organizationId}::uuid AND p.e164 = ANY(${phones}::text[]) AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
          ORDER BY p.e164, c.created_at, c.id`
      : [];
    byKey = new Map(phoneRows.map((r) => [r.key, r.contact_id]));
  }
  return { byKey, emailOwner, externalOwner };
}

/**
 * Why a row cannot be applied to `contactId` (null: it would create one): its email or external
 * id already belongs to another live contact.
 */
export function identifierConflict(row: ImportRow, contactId: string | null, resolution: Resolution): { field: string; message: string } | null {
  if (row.email) {
    const owner = resolution.emailOwner.get(row.email);
    if (owner && owner !== contactId) return { field: "email", message: `${row.email} already belongs to another contact: match by email, or merge the two.` };
  }
  if (row.externalId) {
    const owner = resolution.externalOwner.get(row.externalId.toLowerCase());
    if (owner && owner !== contactId) return { field: "externalId", message: `External id ${row.externalId} already belongs to another contact.` };
  }
  return null;
}
