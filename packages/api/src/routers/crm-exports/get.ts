import { crmProcedure } from "../../trpc/crm";
import { crmExportIdInput } from "../../schemas/crm/exports";
import { findOwnExport, presentExport } from "../../services/crm/exports/background";

/** One of the caller's exports with its progress (polled while it is prepared). */
export const getCrmExport = crmProcedure("contacts.export")
  .input(crmExportIdInput)
  .query(async ({ ctx, input }) => presentExport(await findOwnExport(ctx, input.exportId)));
