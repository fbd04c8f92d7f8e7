import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { crmExportPartsInput } from "../../schemas/crm/exports";
import { toCsv } from "../../csv/write-csv";
import { findOwnExport, presentExport, storedColumns } from "../../services/crm/exports/background";

/** Parts per call: about 50,000 rows, so a million-row file is read in twenty calls. */
const PARTS_PER_CALL = 10;

/**
 * The file of a prepared export, a few parts at a time, for the download route
 * (services/crm/exports/download.ts), which streams them after the header.
 */
export const crmExportParts = crmProcedure("contacts.export")
  .input(crmExportPartsInput)
  .query(async ({ ctx, input }) => {
    const record = await findOwnExport(ctx, input.exportId);
    const presented = presentExport(record);
    if (presented.status === "EXPIRED") throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This export has expired: export again to get a fresh file." });
    if (presented.status !== "DONE") throw new TRPCError({ code: "CONFLICT", message: `This export is ${presented.status.toLowerCase()}: its file is not ready.` });
    const stored = await ctx.db.crmExport.findFirst({ where: { id: record.id }, select: { columns: true } });
    const parts = await ctx.db.crmExportPart.findMany({
      where: { exportId: presented.id, index: { gte: input.fromIndex, lt: input.fromIndex + PARTS_PER_CALL } },
      orderBy: { index: "asc" },
      select: { index: true, csv: true },
    });
    const next = input.fromIndex + PARTS_PER_CALL;
    // The header through the formula-safe writer too: a custom field's label is the tenant's text.
    const headerLine = toCsv([storedColumns(stored?.columns ?? {}).header]);
    return { fileName: presented.fileName, headerLine, parts: parts.map((p) => p.csv), nextIndex: next < record.partCount ? next : null };
  });
