import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { crmExportIdInput } from "../../schemas/crm/exports";
import { EXPORT_SELECT, findOwnExport, presentExport } from "../../services/crm/exports/background";

/** Continues an export whose run stopped (retries spent): from its cursor, through the outbox. */
export const resumeCrmExport = crmProcedure("contacts.export")
  .input(crmExportIdInput)
  .mutation(async ({ ctx, input }) => {
    const record = await findOwnExport(ctx, input.exportId);
    if (record.status !== "FAILED") throw new TRPCError({ code: "CONFLICT", message: `This export is ${record.status.toLowerCase()}: there is nothing to resume.` });
    const updated = await ctx.db.crmExport.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: record.id } },
      data: { status: "RUNNING", failureReason: null, finishedAt: null },
      select: EXPORT_SELECT,
    });
    // A new id each time: a resume must be delivered even after an earlier one was.
    await ctx.emit({ name: "crm/export.requested", id: `crm-export:${record.id}:resume:${randomUUID()}`, data: { organizationId: ctx.org.id, exportId: record.id } });
    ctx.audit.target("crm_export", record.id);
    return presentExport(updated);
  });
