import { TRPCError } from "@trpc/server";
import type { Prisma, TenantDb } from "@mg/db";
import { columnsFromMapping, importMapping, type ImportPreview } from "../../schemas/crm/contact-import";

/** What every answer about an import shows (never the file itself: it can be 20 MB). */
export const IMPORT_SELECT = {
  id: true,
  fileName: true,
  mapping: true,
  matchKey: true,
  updateRule: true,
  tags: true,
  ownerUserId: true,
  listId: true,
  status: true,
  totalRows: true,
  processedRows: true,
  createdCount: true,
  updatedCount: true,
  skippedCount: true,
  errorCount: true,
  preview: true,
  cancelRequestedAt: true,
  createdById: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  undoneAt: true,
} satisfies Prisma.ContactImportSelect;

export type ImportRecord = Prisma.ContactImportGetPayload<{ select: typeof IMPORT_SELECT }>;

export function presentImport(record: ImportRecord) {
  const { preview, mapping, ...rest } = record;
  const dryRun = preview as unknown as ImportPreview;
  const stored = importMapping.safeParse(mapping);
  return {
    ...rest,
    preview: dryRun,
    /** The mapping, one target per column (null = skipped). */
    columns: columnsFromMapping(stored.success ? stored.data : {}, dryRun.headers?.length ?? 0),
    /** 0–100 for the progress bar. */
    percent: record.totalRows === 0 ? 100 : Math.floor((record.processedRows / record.totalRows) * 100),
  };
}

export async function findImport(db: TenantDb, importId: string): Promise<ImportRecord> {
  const record = await db.contactImport.findFirst({ where: { id: importId }, select: IMPORT_SELECT });
  if (!record) throw new TRPCError({ code: "NOT_FOUND", message: "Import not found." });
  return record;
}
