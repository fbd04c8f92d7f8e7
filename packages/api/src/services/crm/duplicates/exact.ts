import type { TenantDb } from "@mg/db";

/** A contact just written, with the primary phone it now has. */
export interface WrittenPhone {
  id: string;
  phone: string | null;
}

/**
 * Exact duplicates found on write: a contact just created or changed shares its primary phone
 * with another live contact (emails cannot collide: they are a unique key). The pair goes to the
 * review queue with score 1; a pair already there (open, dismissed or merged) is left as it is.
 *
 * The plan must not depend on statistics: writers (the import above all) fill tables that were
 * never ANALYZEd, or whose statistics describe another organization (one tenant of a million
 * contacts makes "contacts of this organization" look like one row for every other). A probe
 * per written contact then became a walk over every contact of the organization per row — an
 * import slowed with every chunk, quadratically (once a 100,000-row import took minutes). So
 * there is no join for the planner to drive from the wrong side: one scan finds the live
 * contacts with any of the written phones (`= ANY`: index probes on (organization_id,
 * primary_phone), or at worst one pass over the organization with a hashed test), grouped by
 * phone; pairs come only from groups of two or more, and only for a written contact.
 */
export async function flagExactDuplicates(db: TenantDb, organizationId: string, written: readonly WrittenPhone[]): Promise<number> {
  const withPhone = written.flatMap((w) => (w.phone ? [{ id: w.id, phone: w.phone }] : []));
  if (withPhone.length === 0) return 0;
  const phones = [...new Set(withPhone.map((w) => w.phone))];
  return db.$executeRaw`
    INSERT INTO duplicate_candidates (id, organization_id, object, record_a_id, record_b_id, score, reasons, status, created_at, updated_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, 'CONTACT'::"CrmObject", p.a, p.b, 1, ARRAY['same phone'], 'OPEN'::"DuplicateStatus", now(), now()
    FROM (
      SELECT DISTINCT LEAST(w.id, o.id) AS a, GREATEST(w.id, o.id) AS b
      FROM (
        SELECT array_agg(c.id) AS ids FROM contacts c
        WHERE c.organization_id = ${organizationId}::uuid AND c.primary_phone = ANY(${phones}::text[]) AND c.deleted_at IS NULL AND c.merged_into_id IS NULL
        GROUP BY c.primary_phone
        HAVING count(*) > 1
      ) g
      CROSS JOIN LATERAL (SELECT id FROM unnest(g.ids) AS id WHERE id = ANY(${withPhone.map((w) => w.id)}::uuid[])) w
      CROSS JOIN LATERAL unnest(g.ids) AS o(id)
      WHERE o.id <> w.id
    ) p
    ON CONFLICT (organization_id, object, record_a_id, record_b_id) DO NOTHING`;
}
