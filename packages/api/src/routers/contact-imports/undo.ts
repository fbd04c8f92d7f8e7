import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { contactImportIdInput } from "../../schemas/crm/contact-import";
import { UndoRefused, undoContactImport } from "../../services/crm/import/undo";
import { findImport, presentImport } from "./shared";

/**
 * Undo of the whole import, in chunks of their own transactions (per-operation procedure): created
 * contacts are removed, updated ones get their previous values back; contacts someone worked on
 * since the import (edited, merged, given a task, deal or note) are kept and counted.
 */
export const undoContactImportProcedure = crmProcedure("contacts.import", { transaction: "per-operation" })
  .input(contactImportIdInput)
  .mutation(async ({ ctx, input }) => {
    const record = await findImport(ctx.db, input.importId);
    ctx.audit.target("contact_import", record.id);
    try {
      const result = await undoContactImport(ctx.org.id, record.id);
      ctx.audit.note({ ...result });
      return { ...result, import: presentImport(await findImport(ctx.db, record.id)) };
    } catch (error) {
      if (error instanceof UndoRefused) throw new TRPCError({ code: "CONFLICT", message: error.message });
      throw error;
    }
  });
