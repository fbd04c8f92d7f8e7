import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";

/**
 * Expired export files are deleted (the export rows stay, so the Exports page can say "expired"
 * and offer to export again). A cross-tenant chore: the system path only finds which exports
 * have expired; each file is deleted in its organization's own RLS scope. Idempotent — a second
 * run finds nothing left. Returns how many exports lost their file.
 */
export async function purgeExpiredExportFiles(now: Date = new Date(), organizationId?: string): Promise<number> {
  const expired = await systemDb().crmExport.findMany({
    where: { expiresAt: { lte: now }, partCount: { gt: 0 }, ...(organizationId ? { organizationId } : {}) },
    select: { organizationId: true, id: true },
    take: 500,
  });
  for (const e of expired) {
    await withOrg(e.organizationId, async (db) => {
      await db.crmExportPart.deleteMany({ where: { exportId: e.id } });
      await db.crmExport.update({ where: { organizationId_id: { organizationId: e.organizationId, id: e.id } }, data: { partCount: 0 } });
    });
  }
  return expired.length;
}
