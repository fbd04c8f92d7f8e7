import { crmProcedure } from "../../trpc/crm";
import { contactExportInput } from "../../schemas/crm/exports";
import { exportContactsCsv } from "../../services/crm/exports/contacts";
import { utcDay } from "./file-name";

/**
 * Contacts of a segment, a list, an unsaved filter, a selection or everyone, as a CSV file the
 * browser downloads (as analytics.export: the file comes back in the answer). Synchronous and
 * bounded (MAX_EXPORT_ROWS; above it the answer says to narrow the export). A query, not a
 * mutation: a suspended organization may still take its data out.
 */
export const exportContacts = crmProcedure("contacts.export", { timeoutMs: 60_000 })
  .input(contactExportInput)
  .query(async ({ ctx, input }) => {
    const file = await exportContactsCsv(ctx.db, ctx.visibility, input.scope, ctx.org.parentId);
    return { fileName: `${ctx.org.slug}-contacts-${file.label}-${utcDay()}.csv`, rowCount: file.rowCount, csv: file.csv };
  });
