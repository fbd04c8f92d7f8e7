import { withOrg, type ContactImportStatus, type TenantDb } from "@mg/db";
import { contactCustomFields, isMatchKey, isUpdateRule, parseStoredMapping, type ImportSetup } from "./context";
import { repeatErrors } from "./preview";
import { openFile, type FileReader } from "./rows";
import { requestRecomputeAfterImport } from "../../scoring/recompute";
import { writeChunk } from "./write-chunk";

/**
 * Rows per chunk: one transaction each; big enough that set-based SQL pays off, small enough to
 * hold locks briefly. Each chunk also pays a fixed cost (its transaction, the import row's lock,
 * the cursor's UPDATE, a commit, about fifteen round trips): at 5,000 rows that is half of what
 * 2,500 cost per row, with a chunk still about a second here.
 */
export const DEFAULT_CHUNK_ROWS = 5_000;
/** Errors kept for the downloadable report (the counts count them all). */
export const MAX_STORED_ERRORS = 20_000;
/** One chunk's transaction may take this long (a 5,000-row chunk takes well under a second here). */
const CHUNK_TIMEOUT_MS = 120_000;

export interface RunImportOptions {
  organizationId: string;
  importId: string;
  /** Stop after the chunk that crosses this many ms (the job's step budget); the next run resumes. */
  budgetMs?: number;
  chunkRows?: number;
  /** Tests: runs inside a chunk's transaction after its writes, before the cursor moves (a crash there). */
  afterChunkWrite?: (chunkIndex: number) => void | Promise<void>;
}

export interface RunImportResult {
  /** Nothing left to do (finished, cancelled, undone or gone). */
  done: boolean;
  status: ContactImportStatus | "MISSING";
  processedRows: number;
  totalRows: number;
}

const TERMINAL: ReadonlySet<string> = new Set(["DONE", "CANCELLED", "UNDONE", "FAILED", "PREVIEWED"]);

/** The rows of `items` whose `row` lies in (from, to]; `items` sorted by row. */
function inRange<T extends { row: number }>(items: readonly T[], from: number, to: number): T[] {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid]?.row ?? 0) <= from) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < items.length; i++) {
    const item = items[i];
    if (!item || item.row > to) break;
    out.push(item);
  }
  return out;
}

async function loadSetup(organizationId: string, importId: string): Promise<{ setup: ImportSetup; csvText: string } | null> {
  return withOrg(organizationId, async (db) => {
    const org = await db.organization.findFirst({ where: { id: organizationId }, select: { country: true } });
    const record = await db.contactImport.findFirst({ where: { id: importId } });
    if (!record || !org) return null;
    if (!isMatchKey(record.matchKey) || !isUpdateRule(record.updateRule)) throw new Error(`contact import ${importId}: unknown match key or rule`);
    return {
      csvText: record.csvText,
      setup: {
        organizationId,
        importId,
        fileName: record.fileName,
        mapping: parseStoredMapping(record.mapping),
        matchKey: record.matchKey,
        country: org.country,
        customFields: await contactCustomFields(db),
        rules: { updateRule: record.updateRule, tags: record.tags, ownerUserId: record.ownerUserId, listId: record.listId },
      },
    };
  });
}

interface LockedImport {
  status: ContactImportStatus;
  processed_rows: number;
  total_rows: number;
  cancel_requested_at: Date | null;
}

/**
 * One chunk, in one RLS transaction. The import row is locked first (FOR UPDATE), so two runners
 * of the same import — a redelivered event, the engine and the local scheduler — take turns and
 * the second continues from the cursor the first moved. The writes and the cursor commit
 * together: a crash mid-chunk rolls both back, and the rerun writes the chunk once.
 */
async function nextChunk(db: TenantDb, setup: ImportSetup, file: FileReader, options: RunImportOptions, chunkIndex: number): Promise<RunImportResult> {
  const { organizationId, importId } = options;
  const [locked] = await db.$queryRaw<LockedImport[]>`
    SELECT status, processed_rows, total_rows, cancel_requested_at FROM contact_imports
    WHERE organization_id = ${organizationId}::uuid AND id = ${importId}::uuid FOR UPDATE`;
  if (!locked) return { done: true, status: "MISSING", processedRows: 0, totalRows: 0 };
  const base = { processedRows: locked.processed_rows, totalRows: locked.total_rows };
  if (TERMINAL.has(locked.status)) return { done: true, status: locked.status, ...base };
  if (locked.cancel_requested_at) {
    await db.contactImport.update({ where: { organizationId_id: { organizationId, id: importId } }, data: { status: "CANCELLED", finishedAt: new Date() } });
    return { done: true, status: "CANCELLED", ...base };
  }
  const from = locked.processed_rows;
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const to = Math.min(locked.total_rows, from + chunkRows);
  // Rows 1…to decide this chunk (a repeat is a repeat of an earlier row); the next chunk's rows
  // are normalized while the database writes this one.
  file.readThrough(to);
  file.readAhead(to + chunkRows);
  const rows = inRange(file.rows, from, to);
  const result = rows.length > 0 ? await writeChunk(db, setup, importId, rows) : { created: [], updated: [], skipped: 0, errors: [] };
  await options.afterChunkWrite?.(chunkIndex);
  const rowErrors = [...inRange(file.errors, from, to), ...result.errors];
  const chunkRepeats = repeatErrors({ repeats: inRange(file.repeats, from, to) }, setup);
  const report = [...rowErrors, ...chunkRepeats].sort((a, b) => a.row - b.row);
  const done = to >= locked.total_rows;
  const status: ContactImportStatus = done ? "DONE" : "RUNNING";
  await db.$executeRaw`
    UPDATE contact_imports SET
      status = ${status}::"ContactImportStatus",
      processed_rows = ${to},
      created_count = created_count + ${result.created.length},
      updated_count = updated_count + ${result.updated.length},
      skipped_count = skipped_count + ${result.skipped + chunkRepeats.length},
      error_count = error_count + ${new Set(rowErrors.map((e) => e.row)).size},
      errors = CASE WHEN jsonb_array_length(errors) < ${MAX_STORED_ERRORS} THEN errors || ${JSON.stringify(report)}::jsonb ELSE errors END,
      started_at = COALESCE(started_at, now()),
      finished_at = CASE WHEN ${done} THEN now() ELSE finished_at END
    WHERE organization_id = ${organizationId}::uuid AND id = ${importId}::uuid`;
  // Lead scoring's fact rules see the imported contacts through a recompute job (services/scoring/recompute.ts).
  if (done) await requestRecomputeAfterImport(db, organizationId);
  return { done, status, processedRows: to, totalRows: locked.total_rows };
}

/**
 * Runs an import from its cursor: the file is read once per run, then chunk after chunk until it
 * is done, cancelled, or the budget is spent (the job's next step resumes). Cancellation is
 * honoured between chunks.
 */
export async function runContactImport(options: RunImportOptions): Promise<RunImportResult> {
  const started = Date.now();
  const loaded = await loadSetup(options.organizationId, options.importId);
  if (!loaded) return { done: true, status: "MISSING", processedRows: 0, totalRows: 0 };
  // Parsed once per run; rows are checked and normalized chunk by chunk (FileReader), so the
  // first chunk does not wait for the whole file's phone numbers.
  const file = openFile(loaded.csvText, loaded.setup);
  try {
    for (let chunk = 0; ; chunk++) {
      const result = await withOrg(options.organizationId, (db) => nextChunk(db, loaded.setup, file, options, chunk), { timeout: CHUNK_TIMEOUT_MS });
      if (result.done) return result;
      if (options.budgetMs !== undefined && Date.now() - started >= options.budgetMs) return result;
    }
  } finally {
    file.stop();
  }
}

/** After the job gave up (retries spent): the import says so, with the reason, and can be resumed. */
export async function markContactImportFailed(organizationId: string, importId: string, reason: string): Promise<void> {
  await withOrg(organizationId, async (db) => {
    const entry = JSON.stringify([{ row: 0, field: "import", message: `The import stopped: ${reason.slice(0, 500)}` }]);
    await db.$executeRaw`
      UPDATE contact_imports SET status = 'FAILED'::"ContactImportStatus", errors = errors || ${entry}::jsonb, finished_at = now()
      WHERE organization_id = ${organizationId}::uuid AND id = ${importId}::uuid AND status IN ('QUEUED', 'RUNNING')`;
  });
}
