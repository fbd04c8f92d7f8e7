import { toCsv, type CsvValue } from "../../csv/write-csv";
import { orgProcedure } from "../../trpc/init";
import { submissionExportInput } from "../../schemas/forms";
import { allFields, parseDefinition } from "../../services/lead-forms/definition";
import { findForm } from "./shared";

/** At most this many rows per download (newest first); larger exports belong in the CRM's background export. */
export const MAX_SUBMISSION_EXPORT_ROWS = 10_000;

/**
 * A form's submissions as CSV (formula-safe through write-csv: a value starting with = + - @ is
 * quoted so no spreadsheet evaluates it). One column per field of the current definition, then
 * any field only older revisions had.
 */
export const exportSubmissionsCsv = orgProcedure("forms.export")
  .input(submissionExportInput)
  .mutation(async ({ ctx, input }) => {
    const form = await findForm(ctx.db, input.formId);
    const fields = allFields(parseDefinition(form.definition));
    const rows = await ctx.db.formSubmission.findMany({
      where: { formId: form.id },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: MAX_SUBMISSION_EXPORT_ROWS,
      select: { id: true, status: true, receivedAt: true, processedAt: true, contactId: true, values: true },
    });
    const keys = fields.map((f) => f.id);
    for (const r of rows) for (const k of Object.keys((r.values ?? {}) as object)) if (!keys.includes(k)) keys.push(k);
    const labels = keys.map((k) => fields.find((f) => f.id === k)?.label ?? k);
    const table: CsvValue[][] = [["submission_id", "status", "received_at", "processed_at", "contact_id", ...labels]];
    for (const r of rows) {
      const values = (r.values ?? {}) as Record<string, unknown>;
      table.push([r.id, r.status, r.receivedAt.toISOString(), r.processedAt?.toISOString() ?? "", r.contactId ?? "", ...keys.map((k) => {
        const v = values[k];
        return Array.isArray(v) ? v.join("; ") : typeof v === "string" ? v : "";
      })]);
    }
    ctx.audit.target("lead_form", form.id);
    ctx.audit.note({ rows: rows.length });
    return { fileName: `${form.slug}-submissions.csv`, csv: toCsv(table), rows: rows.length };
  });
