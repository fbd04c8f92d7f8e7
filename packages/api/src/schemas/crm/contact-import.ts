import { z } from "zod";

/**
 * The contact import's inputs (shared by the wizard's forms and the procedures). A file is at most
 * 20 MB of text and 200,000 rows: large enough for a CRM export, small enough to sit in one row
 * (contact_imports.csv_text) and be parsed again by each run of the job.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 200_000;

/** The fields a column can fill; `custom:<fieldId>` names a contact custom field. */
export const IMPORT_FIELDS = [
  "firstName",
  "lastName",
  "fullName",
  "email",
  "phone",
  "company",
  "companyDomain",
  "jobTitle",
  "lifecycleStage",
  "tags",
  "externalId",
  "source",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ImportTarget = ImportField | `custom:${string}`;

export const importTarget = z.union([
  z.enum(IMPORT_FIELDS),
  z.string().max(43).regex(/^custom:[0-9a-f-]{36}$/i, "A custom field target is custom:<field id>.") as z.ZodType<`custom:${string}`>,
]);

/** As stored (contact_imports.mapping): column index (as a string, JSON keys) → target, or null to skip the column. */
export const importMapping = z.record(z.string().regex(/^\d{1,4}$/), importTarget.nullable());
export type ImportMapping = z.infer<typeof importMapping>;

/** As the wizard sends and receives it: one entry per column, in column order (null = skip). */
export const importColumns = z.array(importTarget.nullable()).max(1_000);
export type ImportColumns = z.infer<typeof importColumns>;

export function mappingFromColumns(columns: ImportColumns): ImportMapping {
  return Object.fromEntries(columns.map((target, index) => [String(index), target]));
}

export function columnsFromMapping(mapping: ImportMapping, columnCount: number): ImportColumns {
  return Array.from({ length: columnCount }, (_, index) => mapping[String(index)] ?? null);
}

export const IMPORT_MATCH_KEYS = ["email", "phone", "externalId"] as const;
export type ImportMatchKey = (typeof IMPORT_MATCH_KEYS)[number];
export const IMPORT_UPDATE_RULES = ["fill_empty", "overwrite"] as const;
export type ImportUpdateRule = (typeof IMPORT_UPDATE_RULES)[number];

const id = z.string().uuid();

export const previewContactImportInput = z.object({
  /** Re-run the dry run of an import not started yet (a changed mapping or rule) without sending the file again. */
  importId: id.optional(),
  /** Required for a new file. */
  fileName: z.string().trim().min(1).max(300).optional(),
  csvText: z.string().min(1, "The file is empty.").max(MAX_IMPORT_BYTES, "The file is larger than 20 MB.").optional(),
  /** Omit to use the mapping suggested from the headers. */
  mapping: importColumns.optional(),
  matchKey: z.enum(IMPORT_MATCH_KEYS).default("email"),
  updateRule: z.enum(IMPORT_UPDATE_RULES).default("fill_empty"),
  tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  ownerUserId: id.nullable().optional(),
  listId: id.nullable().optional(),
}).refine((v) => v.importId !== undefined || (v.csvText !== undefined && v.fileName !== undefined), { message: "Choose a file (or paste its text) first.", path: ["csvText"] });
export type PreviewContactImportInput = z.infer<typeof previewContactImportInput>;

export const contactImportIdInput = z.object({ importId: id });

export const listContactImportsInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  /** The last import of the previous page (keyset on createdAt, id). */
  cursor: id.optional(),
});

/** One problem of one row: `row` is the 1-based data row (the header is row 0), `field` the target. */
export const importRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowError>;

export interface ImportDuplicate {
  row: number;
  /** "file": same key as an earlier row of the file; "existing": looks like a contact already there. */
  against: "file" | "existing";
  reason: string;
  /** The earlier row (file) or the existing contact (existing). */
  otherRow?: number;
  contactId?: string;
  contactName?: string;
}

/** The dry run, as stored in contact_imports.preview. */
export interface ImportPreview {
  headers: string[];
  totalRows: number;
  creates: number;
  updates: number;
  /** Rows that change nothing, or repeat an earlier row's key. */
  skips: number;
  errorRows: number;
  /** At most PREVIEW_LIST_LIMIT entries; `errorCount` counts them all. */
  errors: ImportRowError[];
  errorCount: number;
  duplicates: ImportDuplicate[];
  duplicateCount: number;
  /** The first rows as parsed, for the mapping screen. */
  sample: string[][];
}
