import type { TenantDb } from "@mg/db";
import { rescoreFactsMany } from "./behaviour";
import { recomputeTotals } from "./ledger";

/**
 * Merging contacts: the merged contacts' ledger entries are re-pointed at the survivor (the only
 * update the app role may make to the ledger), the totals of everyone involved are recomputed
 * from the entries, and the survivor's facts are rescored — two contacts that both earned "works
 * at a 200+ company" must not leave the survivor with it twice (the correction is an entry too).
 * Returns the moved entries for the merge's undo snapshot.
 */
export async function moveScoresOnMerge(db: TenantDb, organizationId: string, survivorId: string, mergedIds: readonly string[]): Promise<{ id: string; from: string }[]> {
  const moved = await db.$queryRaw<{ id: string; from: string }[]>`
    WITH old AS (SELECT id, contact_id FROM score_ledger WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${[...mergedIds]}::uuid[]))
    UPDATE score_ledger l SET contact_id = ${survivorId}::uuid FROM old WHERE l.organization_id = ${organizationId}::uuid AND l.id = old.id
    RETURNING l.id, old.contact_id AS "from"`;
  await recomputeTotals(db, organizationId, [survivorId, ...mergedIds]);
  await rescoreFactsMany(db, organizationId, [survivorId]);
  return moved;
}

/** Undo of a merge: entries go back to the contact they came from; everyone's totals and facts are recomputed. */
export async function restoreScoresOnUndo(db: TenantDb, organizationId: string, survivorId: string, moved: readonly { id: string; from: string }[], restoredIds: readonly string[]): Promise<void> {
  if (moved.length > 0) {
    await db.$executeRaw`
      UPDATE score_ledger l SET contact_id = m.from_id
      FROM unnest(${moved.map((m) => m.id)}::uuid[], ${moved.map((m) => m.from)}::uuid[]) AS m(id, from_id)
      WHERE l.organization_id = ${organizationId}::uuid AND l.id = m.id AND l.contact_id = ${survivorId}::uuid`;
  }
  await recomputeTotals(db, organizationId, [survivorId, ...restoredIds]);
  await rescoreFactsMany(db, organizationId, [survivorId, ...restoredIds]);
}
