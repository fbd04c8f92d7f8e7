import Papa from "papaparse";
import { toCsv } from "@mg/api/csv";
import { createRowChecker, MAX_IMPORT_ROWS, MAX_REPORTED_ROW_ERRORS, normalizeImportHeader, TEMPLATE_COLUMNS, type ImportContext, type RowError } from "@mg/api/post-import";

export { importHeaderErrors as headerErrors, MAX_IMPORT_ROWS as MAX_ROWS } from "@mg/api/post-import";
export { TEMPLATE_COLUMNS };

export const MAX_BYTES = 20 * 1024 * 1024;

/** Why a chosen file is not even read (not a CSV, too large), or null. */
export function fileRefusal(file: { name: string; type: string; size: number }): string | null {
  if (!/\.csv$/i.test(file.name) && file.type !== "text/csv") return "Choose a .csv file (save the spreadsheet as CSV first).";
  if (file.size > MAX_BYTES) return "The file is larger than 20 MB. Split it into smaller files.";
  return null;
}

/** Why a file with a good header still cannot be imported as a whole (no posts, too many), or null. */
export function rowCountProblem(rows: number): string | null {
  if (rows === 0) return "The file has a header but no posts.";
  if (rows > MAX_IMPORT_ROWS) return `The file has ${rows.toLocaleString("en-US")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} at a time.`;
  return null;
}

/** "3 of 10 rows have problems." — rows, not errors: one row may have several. */
export function rowProblemSummary(errors: readonly RowError[], rows: number): string {
  const badRows = new Set(errors.map((e) => e.row)).size;
  return `${badRows.toLocaleString("en-US")} of ${rows.toLocaleString("en-US")} rows have problems.`;
}

export interface ParsedCsv {
  headers: string[];
  rows: Record<string, string>[];
}

/** Reads the file in chunks so a large one shows progress instead of freezing the page. */
export function parseCsvFile(file: File, onProgress: (fraction: number) => void): Promise<ParsedCsv> {
  return new Promise((resolve, reject) => {
    const rows: Record<string, string>[] = [];
    let headers: string[] = [];
    Papa.parse<Record<string, string>>(file, {
      header: true,
      skipEmptyLines: "greedy",
      chunkSize: 256 * 1024,
      transformHeader: normalizeImportHeader,
      chunk: (results) => {
        if (headers.length === 0) headers = results.meta.fields ?? [];
        rows.push(...results.data);
        onProgress(file.size > 0 ? Math.min(1, results.meta.cursor / file.size) : 1);
      },
      complete: () => {
        onProgress(1);
        resolve({ headers, rows });
      },
      error: (error) => reject(new Error(`Could not read the file: ${error.message}`)),
    });
  });
}

/**
 * The server's own row rules (`@mg/api/post-import`), run here first so the user fixes the sheet
 * without a round trip. Works through the rows in slices so the progress bar moves.
 */
export async function checkRows(rows: readonly Record<string, string>[], ctx: ImportContext, onProgress: (fraction: number) => void): Promise<RowError[]> {
  const check = createRowChecker(ctx);
  const errors: RowError[] = [];
  const SLICE = 500;
  for (let start = 0; start < rows.length && errors.length < MAX_REPORTED_ROW_ERRORS; start += SLICE) {
    for (let index = start; index < Math.min(rows.length, start + SLICE); index++) {
      errors.push(...check(rows[index] ?? {}, index + 1).errors);
      if (errors.length >= MAX_REPORTED_ROW_ERRORS) break;
    }
    onProgress(Math.min(1, (start + SLICE) / Math.max(1, rows.length)));
    // Let the browser paint the progress between slices.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onProgress(1);
  return errors.slice(0, MAX_REPORTED_ROW_ERRORS);
}

/**
 * A filled-in example, ready to open in a spreadsheet. Account and campaign names come from
 * users and networks, so it goes through the shared writer that makes formula cells inert (the
 * import reads the neutralized "'@handle" back as "@handle").
 */
export function templateCsv(example: { account: string; date: string; timezone: string; campaign: string | null }): string {
  return toCsv([
    TEMPLATE_COLUMNS,
    ["Fresh sourdough is out of the oven! 🍞 #bakery", example.account, example.date, "09:00", "", "bread|morning", example.campaign ?? "", "Order ahead on our website."],
    ["Weekend special: two croissants for the price of one.", example.account, example.date, "16:30", example.timezone, "offers", "", ""],
  ]);
}
