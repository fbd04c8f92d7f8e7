import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { crmExportIdInput } from "../../schemas/crm/exports";
import { EXPORT_SELECT, findOwnExport, presentExport } from "../../services/crm/exports/background";

/**
 * Stops an export being prepared: a queued or failed one at once, a running one after the part
 * in progress (the job checks between parts). Its parts are deleted with it.
 */
export const cancelCrmExport = crmProcedure("contacts.export")
  .input(crmExportIdInput)
  .mutation(async ({ ctx, input }) => {
    const record = await findOwnExport(ctx, input.exportId);
    if (!["QUEUED", "RUNNING", "FAILED"].includes(record.status)) {
      throw new TRPCError({ code: "CONFLICT", message: `This export is ${record.status.toLowerCase()}: there is nothing to cancel.` });
    }
    const immediate = record.status !== "RUNNING";
    const where = { organizationId_id: { organizationId: ctx.org.id, id: record.id } };
    const updated = await ctx.db.crmExport.update({
      where,
      data: immediate ? { status: "CANCELLED", cancelRequestedAt: new Date(), finishedAt: new Date() } : { cancelRequestedAt: new Date() },
      select: EXPORT_SELECT,
    });
    if (immediate) await ctx.db.crmExportPart.deleteMany({ where: { exportId: record.id } });
    ctx.audit.target("crm_export", record.id);
    return presentExport(updated);
  });
