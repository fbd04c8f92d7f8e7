import type { TenantDb } from "@mg/db";
import type { ImportDuplicate, ImportPreview, ImportRowError } from "../../../schemas/crm/contact-import";
import type { ImportSetup } from "./context";
import { readFile, rowNameKey, type ReadFile } from "./rows";
import { planChunk } from "./write-chunk";

/** Entries kept in the stored dry run per list (the counts count them all). */
export const PREVIEW_LIST_LIMIT = 500;
/** Rows the dry run plans per round trip. */
const PREVIEW_CHUNK = 5_000;

const KEY_LABEL = { email: "email", phone: "phone", externalId: "external id" } as const;

export function repeatErrors(file: Pick<ReadFile, "repeats">, setup: Pick<ImportSetup, "matchKey">): ImportRowError[] {
  return file.repeats.map((r) => ({ row: r.row, field: setup.matchKey, message: `Same ${KEY_LABEL[setup.matchKey]} as row ${r.firstRow}: skipped (the first row wins).` }));
}

/**
 * The dry run: reads the whole file and decides every row exactly as the job will (planChunk,
 * unlocked), writing nothing. Also lists likely duplicates the match key will not catch: rows
 * that share a phone within the file, and new rows whose phone or full name is an existing
 * contact's.
 */
export async function previewImport(db: TenantDb, setup: ImportSetup, csvText: string): Promise<ImportPreview> {
  const file = readFile(csvText, setup);
  let creates = 0;
  let updates = 0;
  let skips = file.repeats.length;
  const errors: ImportRowError[] = [...file.errors];
  const createRows: ReadFile["rows"] = [];
  for (let i = 0; i < file.rows.length; i += PREVIEW_CHUNK) {
    const plan = await planChunk(db, setup, file.rows.slice(i, i + PREVIEW_CHUNK), { lock: false });
    errors.push(...plan.errors);
    for (const d of plan.decisions) {
      if (d.kind === "create") {
        creates++;
        createRows.push(d.row);
      } else if (d.kind === "update") updates++;
      else skips++;
    }
  }
  errors.sort((a, b) => a.row - b.row);
  const duplicates: ImportDuplicate[] = file.repeats.map((r) => ({ row: r.row, against: "file", otherRow: r.firstRow, reason: `same ${KEY_LABEL[setup.matchKey]} as row ${r.firstRow}` }));
  if (setup.matchKey !== "phone") {
    const firstByPhone = new Map<string, number>();
    for (const row of file.rows) {
      if (!row.phone) continue;
      const first = firstByPhone.get(row.phone);
      if (first === undefined) firstByPhone.set(row.phone, row.row);
      else duplicates.push({ row: row.row, against: "file", otherRow: first, reason: `same phone as row ${first}` });
    }
  }
  duplicates.push(...(await existingLookalikes(db, setup.organizationId, createRows)));
  duplicates.sort((a, b) => a.row - b.row);
  return {
    headers: file.headers,
    totalRows: file.totalRows,
    creates,
    updates,
    skips,
    errorRows: new Set(errors.map((e) => e.row)).size,
    errors: errors.slice(0, PREVIEW_LIST_LIMIT),
    errorCount: errors.length,
    duplicates: duplicates.slice(0, PREVIEW_LIST_LIMIT),
    duplicateCount: duplicates.length,
    sample: file.sample,
  };
}

/** New rows that look like a contact already there: same phone, or the same full name. */
async function existingLookalikes(db: TenantDb, organizationId: string, rows: ReadFile["rows"]): Promise<ImportDuplicate[]> {
  if (rows.length === 0) return [];
  const phones = [...new Set(rows.flatMap((r) => (r.phone ? [r.phone] : [])))];
  // A single name ("Ann") says too little to call two people the same.
  const names = [...new Set(rows.map(rowNameKey).filter((n) => n.includes(" ")))];
  const found = await db.$queryRaw<{ id: string; primary_phone: string | null; name_key: string; first_name: string | null; last_name: string | null }[]>`
    SELECT id, primary_phone, name_key, first_name, last_name FROM contacts
    WHERE organization_id = ${organizationId}::uuid AND deleted_at IS NULL AND merged_into_id IS NULL
      AND (primary_phone = ANY(${phones}::text[]) OR name_key = ANY(${names}::text[]))
    ORDER BY created_at, id`;
  const byPhone = new Map<string, (typeof found)[number]>();
  const byName = new Map<string, (typeof found)[number]>();
  for (const c of found) {
    if (c.primary_phone && !byPhone.has(c.primary_phone)) byPhone.set(c.primary_phone, c);
    if (!byName.has(c.name_key)) byName.set(c.name_key, c);
  }
  const out: ImportDuplicate[] = [];
  const display = (c: (typeof found)[number]) => [c.first_name, c.last_name].filter(Boolean).join(" ") || "(no name)";
  for (const row of rows) {
    const phoneMatch = row.phone ? byPhone.get(row.phone) : undefined;
    const nameMatch = byName.get(rowNameKey(row));
    const match = phoneMatch ?? nameMatch;
    if (!match) continue;
    out.push({ row: row.row, against: "existing", contactId: match.id, contactName: display(match), reason: phoneMatch ? "same phone as an existing contact" : "same name as an existing contact" });
  }
  return out;
}
