import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { columnsFromMapping, mappingFromColumns, previewContactImportInput, type ImportMapping } from "../../schemas/crm/contact-import";
import { assertMember } from "../../services/crm/deals-refs";
import { contactCustomFields, parseStoredMapping } from "../../services/crm/import/context";
import { suggestMapping } from "../../services/crm/import/mapping";
import { previewImport } from "../../services/crm/import/preview";
import { ImportFileError, parseCsv } from "../../services/crm/import/rows";
import { normalizeTag } from "../../services/crm/normalize";
import { IMPORT_SELECT, presentImport } from "./shared";

/**
 * Upload (or re-map) and dry run: the file is parsed, every row decided exactly as the job will
 * decide it, and the counts, per-row errors and likely duplicates are stored on the import —
 * nothing else is written. Without a mapping, the one suggested from the headers is used.
 */
export const previewContactImport = crmProcedure("contacts.import", { timeoutMs: 120_000 })
  .input(previewContactImportInput)
  .mutation(async ({ ctx, input }) => {
    const existing = input.importId ? await ctx.db.contactImport.findFirst({ where: { id: input.importId }, select: { id: true, status: true, csvText: true, fileName: true, mapping: true } }) : null;
    if (input.importId && !existing) throw new TRPCError({ code: "NOT_FOUND", message: "Import not found." });
    if (existing && existing.status !== "PREVIEWED") throw new TRPCError({ code: "CONFLICT", message: "This import has started: its mapping can no longer change." });
    if (input.ownerUserId) await assertMember(ctx.db, ctx.org, input.ownerUserId);
    if (input.listId && !(await ctx.db.contactList.findFirst({ where: { id: input.listId, archivedAt: null }, select: { id: true } }))) {
      throw new TRPCError({ code: "NOT_FOUND", message: "List not found." });
    }
    const csvText = input.csvText ?? existing?.csvText ?? "";
    const fileName = input.fileName ?? existing?.fileName ?? "import.csv";
    const customFields = await contactCustomFields(ctx.db);
    let headers: string[];
    try {
      headers = parseCsv(csvText).headers;
    } catch (error) {
      if (error instanceof ImportFileError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
    // A new file gets a fresh suggestion; a re-run keeps the stored mapping unless one is sent.
    const mapping: ImportMapping = input.mapping ? mappingFromColumns(input.mapping) : (existing && !input.csvText ? parseStoredMapping(existing.mapping) : suggestMapping(headers, [...customFields.values()]));
    for (const target of Object.values(mapping)) {
      if (target?.startsWith("custom:") && !customFields.has(target.slice("custom:".length))) {
        throw new TRPCError({ code: "NOT_FOUND", message: "A mapped custom field does not exist (or is archived)." });
      }
    }
    const tags = [...new Set(input.tags.map(normalizeTag).filter(Boolean))];
    const setup = {
      organizationId: ctx.org.id,
      importId: existing?.id ?? null,
      fileName,
      mapping,
      matchKey: input.matchKey,
      country: ctx.org.country,
      customFields,
      rules: { updateRule: input.updateRule, tags, ownerUserId: input.ownerUserId ?? null, listId: input.listId ?? null },
    };
    const preview = await previewImport(ctx.db, setup, csvText, ctx.visibility);
    const data = {
      fileName,
      csvText,
      mapping,
      matchKey: input.matchKey,
      updateRule: input.updateRule,
      tags,
      ownerUserId: input.ownerUserId ?? null,
      listId: input.listId ?? null,
      totalRows: preview.totalRows,
      preview: JSON.parse(JSON.stringify(preview)) as object,
    };
    const record = existing
      ? await ctx.db.contactImport.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: existing.id } }, data, select: IMPORT_SELECT })
      : await ctx.db.contactImport.create({ data: { ...data, organizationId: ctx.org.id, createdById: ctx.user.id }, select: IMPORT_SELECT });
    ctx.audit.target("contact_import", record.id);
    ctx.audit.note({ fileName, rows: preview.totalRows, creates: preview.creates, updates: preview.updates, errors: preview.errorCount });
    return {
      import: presentImport(record),
      headers,
      mapping: columnsFromMapping(mapping, headers.length),
      customFields: [...customFields.values()].map((f) => ({ id: f.id, label: f.label, type: f.type })),
    };
  });
