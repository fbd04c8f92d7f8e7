import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { contactImportIdInput } from "../../schemas/crm/contact-import";
import { IMPORT_SELECT, findImport, presentImport } from "./shared";

/**
 * Starts a previewed import — or resumes one whose run stopped (a crash, retries spent): the
 * event is written in this transaction (the outbox), so the import is queued exactly when the
 * job is asked for, and the job continues from the import's cursor.
 */
export const startContactImport = crmProcedure("contacts.import")
  .input(contactImportIdInput)
  .mutation(async ({ ctx, input }) => {
    const record = await findImport(ctx.db, input.importId);
    if (!["PREVIEWED", "QUEUED", "RUNNING", "FAILED"].includes(record.status)) {
      throw new TRPCError({ code: "CONFLICT", message: `This import is ${record.status.toLowerCase()}: there is nothing to start.` });
    }
    if (record.cancelRequestedAt) throw new TRPCError({ code: "CONFLICT", message: "This import is being cancelled." });
    const updated = await ctx.db.contactImport.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: record.id } },
      data: { status: record.status === "RUNNING" ? "RUNNING" : "QUEUED", startedAt: record.startedAt ?? new Date(), finishedAt: null },
      select: IMPORT_SELECT,
    });
    // A first start is deduplicated (a double click); a resume needs a new id to be delivered again.
    const eventId = record.status === "PREVIEWED" ? `contact-import:${record.id}:start` : `contact-import:${record.id}:resume:${randomUUID()}`;
    await ctx.emit({ name: "crm/contact-import.requested", id: eventId, data: { organizationId: ctx.org.id, importId: record.id } });
    ctx.audit.target("contact_import", record.id);
    ctx.audit.note({ resumed: record.status !== "PREVIEWED" });
    return presentImport(updated);
  });
