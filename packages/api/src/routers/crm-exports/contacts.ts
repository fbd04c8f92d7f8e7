import { crmProcedure } from "../../trpc/crm";
import { contactExportInput } from "../../schemas/crm/exports";
import { contactExportSource } from "../../services/crm/exports/contacts";
import { exportFileName, sourceContext, wholeFile } from "../../services/crm/exports/source";

/**
 * Contacts of a segment, a list, an unsaved filter, a selection or everyone, as a CSV file the
 * browser downloads (as analytics.export: the file comes back in the answer). Bounded
 * (MAX_EXPORT_ROWS; above it the answer points to the background export, crmExports.startContacts).
 * A query, not a mutation: a suspended organization may still take its data out.
 */
export const exportContacts = crmProcedure("contacts.export", { timeoutMs: 60_000 })
  .input(contactExportInput)
  .query(async ({ ctx, input }) => {
    const file = await wholeFile(await contactExportSource(sourceContext(ctx), input.scope), "CONTACT");
    return { fileName: exportFileName(ctx.org.slug, "CONTACT", file.label), rowCount: file.rowCount, csv: file.csv };
  });
