import { systemDb } from "@mg/db/system";

/**
 * Organizations that have rules at all (cross-tenant by design: it only finds whom to visit; each
 * chore then works in that organization's own RLS scope).
 */
export async function organizationsWithRules(organizationId?: string): Promise<string[]> {
  const rows = await systemDb().scoreRule.findMany({
    where: { archivedAt: null, ...(organizationId ? { organizationId } : {}) },
    distinct: ["organizationId"],
    select: { organizationId: true },
  });
  return rows.map((r) => r.organizationId);
}

/** Organizations whose conversion model is due (any that has contacts and a score). */
export async function organizationsWithScores(organizationId?: string): Promise<string[]> {
  const rows = await systemDb().leadScore.findMany({ where: organizationId ? { organizationId } : {}, distinct: ["organizationId"], select: { organizationId: true } });
  return rows.map((r) => r.organizationId);
}

