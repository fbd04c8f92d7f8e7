import { TRPCError } from "@trpc/server";
import type { CrmObject, TenantDb } from "@mg/db";
import { toCsv, type CsvValue } from "../../../csv/write-csv";
import { MAX_EXPORT_ROWS, type CompanyExportInput, type ContactExportInput, type DealExportInput } from "../../../schemas/crm/exports";
import { utcDay } from "../../analytics/periods";
import type { RecordVisibility } from "../record-visibility";

/**
 * What an export reads, whichever the object: a header, a count, and pages in keyset order
 * (created_at DESC, id DESC). The synchronous export reads every page into one file; the
 * background export writes one page per part and keeps the cursor between them.
 */
export interface ExportCursor {
  createdAt: Date;
  id: string;
}

export interface ExportPage {
  rows: CsvValue[][];
  /** The last row of the page: the cursor of the next one (null when the page is empty). */
  last: ExportCursor | null;
}

export interface ExportSource {
  /** In the file name: "all", "segment-customers", "selection"… */
  label: string;
  /** The file's first line: the standard columns, then one per custom field. */
  header: string[];
  /** The custom fields behind the header's last columns, in order. */
  fieldIds: string[];
  /** Rows in scope now. */
  count(): Promise<number>;
  /** Up to `limit` rows after `after`. */
  page(after: ExportCursor | null, limit: number): Promise<ExportPage>;
}

/** Which records of which object: the input of the export procedure for that object. */
export type ExportRequest = { object: "CONTACT"; input: ContactExportInput } | { object: "COMPANY"; input: CompanyExportInput } | { object: "DEAL"; input: DealExportInput };

export interface SourceContext {
  db: TenantDb;
  visibility: RecordVisibility;
  /** The organization's agency, whose members may own its records (owner_email). */
  parentId: string | null;
  /** A background export's later parts: the fields its header was written with. */
  fieldIds?: readonly string[];
}

/** Rows read per statement by the synchronous export: a keyset page, like the table's. */
export const EXPORT_PAGE_SIZE = 1_000;

export const EXPORT_NOUNS: Record<CrmObject, string> = { CONTACT: "contacts", COMPANY: "companies", DEAL: "deals" };

export function exportFileName(orgSlug: string, object: CrmObject, label: string, now: Date = new Date()): string {
  return `${orgSlug}-${EXPORT_NOUNS[object]}-${label}-${utcDay(now)}.csv`;
}

/** What a CRM procedure's context gives an export source. */
export function sourceContext(ctx: { db: TenantDb; visibility: RecordVisibility; org: { parentId: string | null } }): SourceContext {
  return { db: ctx.db, visibility: ctx.visibility, parentId: ctx.org.parentId };
}

export function tooManyRows(count: number, object: CrmObject): TRPCError {
  return new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `This export holds ${count.toLocaleString("en")} ${EXPORT_NOUNS[object]}; a file handed over at once holds at most ${MAX_EXPORT_ROWS.toLocaleString("en")}. Larger exports are prepared in the background: start one with Export and download it from Exports when it is ready.`,
  });
}

/** The synchronous export: counted first (refused above MAX_EXPORT_ROWS), then read page by page into one file. */
export async function wholeFile(source: ExportSource, object: CrmObject): Promise<{ label: string; rowCount: number; csv: string }> {
  const count = await source.count();
  if (count > MAX_EXPORT_ROWS) throw tooManyRows(count, object);
  const rows: CsvValue[][] = [source.header];
  let after: ExportCursor | null = null;
  for (;;) {
    const page: ExportPage = await source.page(after, EXPORT_PAGE_SIZE);
    rows.push(...page.rows);
    if (!page.last || page.rows.length < EXPORT_PAGE_SIZE || rows.length > MAX_EXPORT_ROWS) break;
    after = page.last;
  }
  return { label: source.label, rowCount: rows.length - 1, csv: toCsv(rows) };
}

/** Slug of a segment's or list's name in a file name. */
export function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "export"
  );
}
