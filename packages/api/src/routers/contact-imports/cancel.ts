import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { contactImportIdInput } from "../../schemas/crm/contact-import";
import { IMPORT_SELECT, findImport, presentImport } from "./shared";

/**
 * Asks a running import to stop: the job checks between chunks, so the chunk in progress finishes
 * (it is one transaction) and the rest is not written. What was imported stays until undone.
 * A queued or previewed import stops at once.
 */
export const cancelContactImport = crmProcedure("contacts.import")
  .input(contactImportIdInput)
  .mutation(async ({ ctx, input }) => {
    const record = await findImport(ctx.db, input.importId);
    if (!["PREVIEWED", "QUEUED", "RUNNING"].includes(record.status)) {
      throw new TRPCError({ code: "CONFLICT", message: `This import is ${record.status.toLowerCase()}: it cannot be cancelled.` });
    }
    const immediate = record.status !== "RUNNING";
    const updated = await ctx.db.contactImport.update({
      where: { organizationId_id: { organizationId: ctx.org.id, id: record.id } },
      data: immediate ? { status: "CANCELLED", cancelRequestedAt: new Date(), finishedAt: new Date() } : { cancelRequestedAt: new Date() },
      select: IMPORT_SELECT,
    });
    ctx.audit.target("contact_import", record.id);
    return presentImport(updated);
  });
