import { z } from "zod";
import { idSchema } from "../common";
import { segmentFilter } from "./segment";

/**
 * CSV exports of contacts, companies and deals. The synchronous ones hand the file over in the
 * answer and are bounded (MAX_EXPORT_ROWS, read in keyset pages so memory stays at one page of
 * rows plus the file); a background export has no bound: a job writes it in parts of
 * EXPORT_PART_ROWS, and one of at most INLINE_EXPORT_ROWS is written before the answer.
 */
export const MAX_EXPORT_ROWS = 50_000;
export const EXPORT_PART_ROWS = 5_000;
export const INLINE_EXPORT_ROWS = 5_000;
/** How long a prepared file can be downloaded. */
export const EXPORT_TTL_DAYS = 7;
export const MAX_EXPORT_IDS = 5_000;

const ids = z.array(idSchema).min(1, "Pick at least one record.").max(MAX_EXPORT_IDS, `Export at most ${MAX_EXPORT_IDS.toLocaleString("en")} picked records at a time.`);

/** Which contacts: a saved segment, a static list, an unsaved filter, picked ids, or all of them. */
export const contactExportScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("segment"), segmentId: idSchema }),
  z.object({ kind: z.literal("list"), listId: idSchema }),
  z.object({ kind: z.literal("filter"), filter: segmentFilter }),
  z.object({ kind: z.literal("ids"), contactIds: ids }),
]);
export type ContactExportScope = z.infer<typeof contactExportScope>;

export const contactExportInput = z.object({ scope: contactExportScope });
export const companyExportInput = z.object({ companyIds: ids.optional() }).default({});
export const dealExportInput = z
  .object({ pipelineId: idSchema.optional(), status: z.enum(["any", "open", "won", "lost"]).default("any"), dealIds: ids.optional() })
  .default({ status: "any" });
export type ContactExportInput = z.output<typeof contactExportInput>;
export type CompanyExportInput = z.output<typeof companyExportInput>;
export type DealExportInput = z.output<typeof dealExportInput>;

export const crmExportIdInput = z.object({ exportId: idSchema });
/** Parts of a prepared file from `fromIndex` (the download reads it in a few calls, not one). */
export const crmExportPartsInput = z.object({ exportId: idSchema, fromIndex: z.number().int().min(0).max(1_000_000) });
export const listCrmExportsInput = z.object({ limit: z.number().int().min(1).max(50).default(20) }).default({ limit: 20 });

/** An export's stored header and the custom fields behind its last columns (crm_exports.columns). */
export const crmExportColumns = z.object({ header: z.array(z.string()), fieldIds: z.array(z.string()) });
export type CrmExportColumns = z.infer<typeof crmExportColumns>;
