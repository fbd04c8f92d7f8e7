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
 * never ANALYZEd (the app role cannot, and autovacuum may be off or behind). Without statistics
 * the planner estimated "live contacts of this organization" at one row and drove a phone
 * self-join from it: a walk over every contact of the organization per call, so a 100,000-row
 * import slowed with every chunk. Here the written contacts drive, with the phone just written
 * (the caller's rows, locked or created in its transaction, so it is the stored value). The
 * LATERAL with OFFSET 0 cannot be flattened nor have conditions pushed into it, so it runs as one
 * probe per written contact on (organization_id, primary_phone). The "live" conditions stay
 * outside the probe on purpose: inside, a stats-less planner took the (organization_id,
 * merged_into_id) index for them — every live contact, per written row.
 */
export async function flagExactDuplicates(db: TenantDb, organizationId: string, written: readonly WrittenPhone[]): Promise<number> {
  const withPhone = written.flatMap((w) => (w.phone ? [{ id: w.id, phone: w.phone }] : []));
  if (withPhone.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO duplicate_candidates (id, organization_id, object, record_a_id, record_b_id, score, reasons, status, created_at, updated_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, 'CONTACT'::"CrmObject", p.a, p.b, 1, ARRAY['same phone'], 'OPEN'::"DuplicateStatus", now(), now()
    FROM (
      SELECT DISTINCT LEAST(w.id, o.id) AS a, GREATEST(w.id, o.id) AS b
      FROM unnest(${withPhone.map((w) => w.id)}::uuid[], ${withPhone.map((w) => w.phone)}::text[]) AS w(id, phone)
      CROSS JOIN LATERAL (
        SELECT o.id, o.deleted_at, o.merged_into_id FROM contacts o
        WHERE o.organization_id = ${organizationId}::uuid AND o.primary_phone = w.phone
        OFFSET 0
      ) o
      WHERE o.id <> w.id AND o.deleted_at IS NULL AND o.merged_into_id IS NULL
    ) p
    ON CONFLICT (organization_id, object, record_a_id, record_b_id) DO NOTHING`;
}
