import { systemDb } from "@mg/db/system";

/**
 * Expired export files are deleted (the export rows stay, so the Exports page can say "expired"
 * and offer to export again). A system chore across organizations, idempotent: a second run
 * finds nothing left. Returns how many exports lost their file.
 */
export async function purgeExpiredExportFiles(now: Date = new Date(), organizationId?: string): Promise<number> {
  const expired = await systemDb().crmExport.findMany({
    where: { expiresAt: { lte: now }, partCount: { gt: 0 }, ...(organizationId ? { organizationId } : {}) },
    select: { organizationId: true, id: true },
    take: 500,
  });
  for (const e of expired) {
    await systemDb().$transaction([
      systemDb().crmExportPart.deleteMany({ where: { organizationId: e.organizationId, exportId: e.id } }),
      systemDb().crmExport.update({ where: { organizationId_id: { organizationId: e.organizationId, id: e.id } }, data: { partCount: 0 } }),
    ]);
  }
  return expired.length;
}
