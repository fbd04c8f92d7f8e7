import type { TenantDb } from "@mg/db";

/**
 * Exact duplicates found on write: a contact just created or changed shares its primary phone
 * with another live contact (emails cannot collide: they are a unique key). The pair goes to the
 * review queue with score 1; a pair already there (open, dismissed or merged) is left as it is.
 */
export async function flagExactDuplicates(db: TenantDb, organizationId: string, contactIds: readonly string[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  const ids = [...contactIds];
  return db.$executeRaw`
    INSERT INTO duplicate_candidates (id, organization_id, object, record_a_id, record_b_id, score, reasons, status, created_at, updated_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, 'CONTACT'::"CrmObject", p.a, p.b, 1, ARRAY['same phone'], 'OPEN'::"DuplicateStatus", now(), now()
    FROM (
      SELECT DISTINCT LEAST(n.id, o.id) AS a, GREATEST(n.id, o.id) AS b
      FROM contacts n
      JOIN contacts o ON o.organization_id = n.organization_id AND o.primary_phone = n.primary_phone AND o.id <> n.id
        AND o.deleted_at IS NULL AND o.merged_into_id IS NULL
      WHERE n.organization_id = ${organizationId}::uuid AND n.id = ANY(${ids}::uuid[]) AND n.primary_phone IS NOT NULL
    ) p
    ON CONFLICT (organization_id, object, record_a_id, record_b_id) DO NOTHING`;
}
