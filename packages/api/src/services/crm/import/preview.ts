import type { TenantDb } from "@mg/db";
import type { RecordVisibility } from "../record-visibility";
import { liveContactsSql, type SegmentScope } from "../segments/compile";
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
 * contact's — among the contacts the caller may see (`visibility`): the dry run names them, so a
 * member kept to their own records is not shown someone else's contact.
 */
export async function previewImport(db: TenantDb, setup: ImportSetup, csvText: string, visibility: RecordVisibility): Promise<ImportPreview> {
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
  duplicates.push(...(await existingLookalikes(db, { organizationId: setup.organizationId, visibility }, createRows)));
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

/** New rows that look like a contact already there (and visible to the caller): same phone, or the same full name. */
async function existingLookalikes(db: TenantDb, scope: SegmentScope, rows: ReadFile["rows"]): Promise<ImportDuplicate[]> {
  if (rows.length === 0) return [];
  const phones = [...new Set(rows.flatMap((r) => (r.phone ? [r.phone] : [])))];
  // A single name ("Ann") says too little to call two people the same.
  const names = [...new Set(rows.map(rowNameKey).filter((n) => n.includes(" ")))];
  const found = await db.$queryRaw<{ id: string; primary_phone: string | null; name_key: string; first_name: string | null; last_name: string | null }[]>`
    SELECT c.id, c.primary_phone, c.name_key, c.first_name, c.last_name FROM contacts c
    WHERE ${liveContactsSql(scope)}
      AND (c.primary_phone = ANY(${phones}::text[]) OR c.name_key = ANY(${names}::text[]))
    ORDER BY c.created_at, c.id`;
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
