import { crmProcedure } from "../../trpc/crm";
import { toCsv } from "../../csv/write-csv";
import { contactImportIdInput, importRowError, type ImportRowError } from "../../schemas/crm/contact-import";
import { parseCsv } from "../../services/crm/import/rows";
import { findImport } from "./shared";

/**
 * The downloadable error report: one line per problem — the row number, the field, the reason,
 * then the row's own cells so it can be fixed and imported again. Written with the formula-safe
 * writer (a cell from the file could be `=HYPERLINK(…)`). Before the run it is the dry run's list.
 */
export const contactImportErrorReport = crmProcedure("contacts.import")
  .input(contactImportIdInput)
  .query(async ({ ctx, input }) => {
    const record = await findImport(ctx.db, input.importId);
    const file = await ctx.db.contactImport.findFirst({ where: { id: record.id }, select: { csvText: true, errors: true } });
    const stored = importRowError.array().safeParse(file?.errors ?? []);
    const preview = record.preview as { errors?: ImportRowError[] } | null;
    const errors = record.status === "PREVIEWED" ? (preview?.errors ?? []) : stored.success ? stored.data : [];
    const parsed = parseCsv(file?.csvText ?? "");
    const lines = errors.map((e) => [e.row, e.field, e.message, ...(e.row > 0 ? (parsed.rows[e.row - 1] ?? []) : [])]);
    const base = record.fileName.replace(/\.csv$/i, "");
    return { fileName: `${base}-errors.csv`, rows: errors.length, csv: toCsv([["row", "field", "problem", ...parsed.headers], ...lines]) };
  });
