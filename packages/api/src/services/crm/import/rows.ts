import Papa from "papaparse";
import type { LifecycleStage } from "@mg/db";
import { readCsvCell } from "../../../csv/write-csv";
import { MAX_IMPORT_ROWS, type ImportMapping, type ImportMatchKey, type ImportRowError } from "../../../schemas/crm/contact-import";
import { nameKey, normalizeEmail, normalizePhone, normalizeTag, registrableDomain } from "../normalize";
import { canonicalNumber } from "./decide";
import type { ImportCustomField } from "./mapping";

/** A parsed file: the header row and the data rows (row n of the file is rows[n - 1]). */
export interface ParsedCsv {
  headers: string[];
  rows: string[][];
}

export class ImportFileError extends Error {}

/** RFC 4180 via papaparse; blank lines dropped; cells read back from our own formula-safe writer. */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const fatal = result.errors.find((e) => e.type === "Quotes");
  if (fatal) throw new ImportFileError(`The file is not valid CSV near row ${fatal.row ?? "?"}: ${fatal.message}.`);
  const [header, ...rows] = result.data;
  if (!header || header.every((h) => h.trim() === "")) throw new ImportFileError("The file has no header row.");
  if (rows.length === 0) throw new ImportFileError("The file has a header but no rows.");
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError(`The file has ${rows.length.toLocaleString("en")} rows; at most ${MAX_IMPORT_ROWS.toLocaleString("en")} per import.`);
  return { headers: header.map((h) => h.trim()), rows: rows.map((row) => row.map((cell) => readCsvCell(cell.trim()))) };
}

/** A custom field's value in the column of its type (CustomFieldValue). */
export interface TypedValue {
  text: string | null;
  number: string | null;
  date: string | null;
  bool: boolean | null;
  options: string[];
}

/** One valid row, normalized: what the writer stores. Absent (null) means "the file says nothing". */
export interface ImportRow {
  /** 1-based data row. */
  row: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  companyDomain: string | null;
  jobTitle: string | null;
  lifecycleStage: LifecycleStage | null;
  tags: string[];
  externalId: string | null;
  source: string | null;
  custom: Map<string, TypedValue>;
  /** The value of the match key (normalized). */
  key: string;
}

export interface RowContext {
  mapping: ImportMapping;
  matchKey: ImportMatchKey;
  country: string | null;
  customFields: ReadonlyMap<string, ImportCustomField>;
}

const LIFECYCLE_ALIASES: Record<string, LifecycleStage> = {
  subscriber: "SUBSCRIBER",
  lead: "LEAD",
  marketingqualified: "MARKETING_QUALIFIED",
  marketingqualifiedlead: "MARKETING_QUALIFIED",
  mql: "MARKETING_QUALIFIED",
  salesqualified: "SALES_QUALIFIED",
  salesqualifiedlead: "SALES_QUALIFIED",
  sql: "SALES_QUALIFIED",
  opportunity: "OPPORTUNITY",
  customer: "CUSTOMER",
  other: "OTHER",
};

export function parseLifecycle(raw: string): LifecycleStage | null {
  return LIFECYCLE_ALIASES[raw.toLowerCase().replace(/[^a-z]/g, "")] ?? null;
}

const EMPTY_VALUE: TypedValue = { text: null, number: null, date: null, bool: null, options: [] };

/** A custom field's cell in its typed column, or the reason it cannot be. */
export function parseCustomValue(field: ImportCustomField, raw: string, country: string | null): { ok: true; value: TypedValue } | { ok: false; reason: string } {
  switch (field.type) {
    case "TEXT":
    case "LONG_TEXT":
      return { ok: true, value: { ...EMPTY_VALUE, text: raw.slice(0, field.type === "TEXT" ? 500 : 10_000) } };
    case "NUMBER":
    case "CURRENCY": {
      const cleaned = raw.replace(/[\s,]/g, "").replace(/^[$€£¥]/, "");
      if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return { ok: false, reason: `"${raw}" is not a number.` };
      // Currency in minor units (cents), exact: shift the decimal point in the string, not with floats.
      if (field.type === "CURRENCY") {
        const [whole = "0", fraction = ""] = cleaned.split(".");
        if (fraction.length > 2) return { ok: false, reason: `"${raw}" has more than two decimals.` };
        const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0")) * (whole.startsWith("-") ? -1n : 1n);
        return { ok: true, value: { ...EMPTY_VALUE, number: minor.toString() } };
      }
      return { ok: true, value: { ...EMPTY_VALUE, number: canonicalNumber(cleaned) } };
    }
    case "DATE": {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
      const date = match ? new Date(`${raw}T00:00:00Z`) : null;
      if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) return { ok: false, reason: `"${raw}" is not a date (YYYY-MM-DD).` };
      return { ok: true, value: { ...EMPTY_VALUE, date: date.toISOString() } };
    }
    case "BOOLEAN": {
      const b = raw.toLowerCase();
      if (["true", "yes", "y", "1", "x"].includes(b)) return { ok: true, value: { ...EMPTY_VALUE, bool: true } };
      if (["false", "no", "n", "0"].includes(b)) return { ok: true, value: { ...EMPTY_VALUE, bool: false } };
      return { ok: false, reason: `"${raw}" is not yes/no.` };
    }
    case "SINGLE_SELECT":
    case "MULTI_SELECT": {
      const parts = field.type === "SINGLE_SELECT" ? [raw] : raw.split(/[;|,]/).map((p) => p.trim()).filter(Boolean);
      const ids: string[] = [];
      for (const part of parts) {
        const option = field.options.find((o) => o.id === part || o.label.toLowerCase() === part.toLowerCase());
        if (!option) return { ok: false, reason: `"${part}" is not an option of ${field.label} (${field.options.map((o) => o.label).join(", ") || "none"}).` };
        if (!ids.includes(option.id)) ids.push(option.id);
      }
      return field.type === "SINGLE_SELECT" ? { ok: true, value: { ...EMPTY_VALUE, text: ids[0] ?? null } } : { ok: true, value: { ...EMPTY_VALUE, options: ids } };
    }
    case "URL": {
      try {
        const url = new URL(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
        return { ok: true, value: { ...EMPTY_VALUE, text: url.toString() } };
      } catch {
        return { ok: false, reason: `"${raw}" is not a web address.` };
      }
    }
    case "EMAIL": {
      const email = normalizeEmail(raw);
      return email ? { ok: true, value: { ...EMPTY_VALUE, text: email } } : { ok: false, reason: `"${raw}" is not an email address.` };
    }
    case "PHONE": {
      const phone = normalizePhone(raw, country);
      return phone.ok ? { ok: true, value: { ...EMPTY_VALUE, text: phone.e164 } } : { ok: false, reason: phone.reason };
    }
  }
}

function splitTags(raw: string): string[] {
  return raw
    .split(/[;|,]/)
    .map(normalizeTag)
    .filter((t) => t !== "");
}

/**
 * One data row → a normalized ImportRow, or every problem it has (per field, with the reason).
 * A row with any problem is not imported: half a contact is worse than a clear error line.
 */
export function readRow(cells: readonly string[], rowNumber: number, context: RowContext): { row: ImportRow | null; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const row: ImportRow = {
    row: rowNumber,
    firstName: null,
    lastName: null,
    email: null,
    phone: null,
    company: null,
    companyDomain: null,
    jobTitle: null,
    lifecycleStage: null,
    tags: [],
    externalId: null,
    source: null,
    custom: new Map(),
    key: "",
  };
  let fullName: string | null = null;
  for (const [index, target] of Object.entries(context.mapping)) {
    if (!target) continue;
    const raw = (cells[Number(index)] ?? "").trim();
    if (raw === "") continue;
    const fail = (message: string) => errors.push({ row: rowNumber, field: target, message });
    switch (target) {
      case "firstName":
        row.firstName = raw.slice(0, 200);
        break;
      case "lastName":
        row.lastName = raw.slice(0, 200);
        break;
      case "fullName":
        fullName = raw.slice(0, 400);
        break;
      case "email": {
        const email = normalizeEmail(raw);
        if (email) row.email = email;
        else fail(`"${raw}" is not an email address.`);
        break;
      }
      case "phone": {
        const phone = normalizePhone(raw, context.country);
        if (phone.ok) row.phone = phone.e164;
        else fail(phone.reason);
        break;
      }
      case "company":
        row.company = raw.slice(0, 200);
        break;
      case "companyDomain": {
        const domain = registrableDomain(raw);
        if (domain) row.companyDomain = domain;
        else fail(`"${raw}" is not a web address or domain.`);
        break;
      }
      case "jobTitle":
        row.jobTitle = raw.slice(0, 200);
        break;
      case "lifecycleStage": {
        const stage = parseLifecycle(raw);
        if (stage) row.lifecycleStage = stage;
        else fail(`"${raw}" is not a lifecycle stage (subscriber, lead, marketing qualified, sales qualified, opportunity, customer, other).`);
        break;
      }
      case "tags":
        row.tags = splitTags(raw);
        break;
      case "externalId":
        row.externalId = raw.slice(0, 200);
        break;
      case "source":
        row.source = raw.slice(0, 100);
        break;
      default: {
        const field = context.customFields.get(target.slice("custom:".length));
        if (!field) {
          fail("This custom field no longer exists.");
          break;
        }
        const value = parseCustomValue(field, raw, context.country);
        if (value.ok) row.custom.set(field.id, value.value);
        else fail(value.reason);
      }
    }
  }
  // "Ann Marie Lee" → first "Ann Marie", last "Lee", unless the file has its own first/last columns.
  if (fullName && !row.firstName && !row.lastName) {
    const parts = fullName.split(/\s+/);
    row.lastName = parts.length > 1 ? (parts.pop() ?? null) : null;
    row.firstName = parts.join(" ");
  }
  const key = context.matchKey === "email" ? row.email : context.matchKey === "phone" ? row.phone : row.externalId ? row.externalId.toLowerCase() : null;
  if (!key && !errors.some((e) => e.field === context.matchKey)) {
    errors.push({ row: rowNumber, field: context.matchKey, message: `The match key (${context.matchKey === "externalId" ? "external id" : context.matchKey}) is empty: the row cannot be matched.` });
  }
  if (errors.length > 0 || !key) return { row: null, errors };
  row.key = key;
  return { row, errors };
}

export interface ReadFile {
  headers: string[];
  totalRows: number;
  /** Valid rows that are the first of their key in the file. */
  rows: ImportRow[];
  errors: ImportRowError[];
  /** Rows repeating an earlier row's key: [row, earlier row]. */
  repeats: { row: number; firstRow: number; key: string }[];
  /** The first data rows as parsed (the mapping screen shows them). */
  sample: string[][];
}

/** Rows normalized per slice while reading ahead: a few milliseconds, so a database reply waits at most that long. */
const READ_AHEAD_SLICE_ROWS = 100;

/**
 * A file whose rows are read (checked, normalized) in order, as far as asked: `rows`, `errors`
 * and `repeats` hold everything up to `readRows`. The rule is the one readFile applies — a row
 * repeats the key of an *earlier* valid row, so reading up to row n decides rows 1…n exactly as
 * reading the whole file would.
 */
export interface FileReader extends ReadFile {
  /** Data rows read so far (rows 1…readRows). */
  readonly readRows: number;
  /** Reads up to data row `rowNumber` (1-based, inclusive) now. */
  readThrough(rowNumber: number): void;
  /**
   * Reads up to `rowNumber` in small slices between other work — the job's next chunk is
   * normalized while the database writes this one (libphonenumber per phone is most of the
   * reading). readThrough still finishes whatever is left synchronously.
   */
  readAhead(rowNumber: number): void;
  /** Stops reading ahead (the run is over). */
  stop(): void;
}

export function openFile(text: string, context: RowContext): FileReader {
  const parsed = parseCsv(text);
  const firstByKey = new Map<string, number>();
  let next = 0;
  let aheadTo = 0;
  let scheduled = false;
  let stopped = false;
  const readUpTo = (rowNumber: number) => {
    const end = Math.min(rowNumber, parsed.rows.length);
    for (; next < end; next++) {
      const result = readRow(parsed.rows[next] ?? [], next + 1, context);
      reader.errors.push(...result.errors);
      if (!result.row) continue;
      const first = firstByKey.get(result.row.key);
      if (first !== undefined) {
        reader.repeats.push({ row: result.row.row, firstRow: first, key: result.row.key });
        continue;
      }
      firstByKey.set(result.row.key, result.row.row);
      reader.rows.push(result.row);
    }
  };
  const slice = () => {
    scheduled = false;
    if (stopped) return;
    readUpTo(Math.min(aheadTo, next + READ_AHEAD_SLICE_ROWS));
    if (next < aheadTo) {
      scheduled = true;
      setImmediate(slice);
    }
  };
  const reader: FileReader = {
    headers: parsed.headers,
    totalRows: parsed.rows.length,
    rows: [],
    errors: [],
    repeats: [],
    sample: parsed.rows.slice(0, 5),
    get readRows() {
      return next;
    },
    readThrough: readUpTo,
    readAhead(rowNumber) {
      aheadTo = Math.max(aheadTo, Math.min(rowNumber, parsed.rows.length));
      if (!stopped && !scheduled && next < aheadTo) {
        scheduled = true;
        setImmediate(slice);
      }
    },
    stop() {
      stopped = true;
    },
  };
  return reader;
}

/** The whole file, read and checked the same way by the dry run and by every run of the job. */
export function readFile(text: string, context: RowContext): ReadFile {
  const reader = openFile(text, context);
  reader.readThrough(reader.totalRows);
  return { headers: reader.headers, totalRows: reader.totalRows, rows: reader.rows, errors: reader.errors, repeats: reader.repeats, sample: reader.sample };
}

export function rowNameKey(row: Pick<ImportRow, "firstName" | "lastName">): string {
  return nameKey(row.firstName, row.lastName);
}
