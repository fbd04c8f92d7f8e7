import { z } from "zod";
import { idSchema } from "../common";
import { segmentFilter } from "./segment";

/**
 * CSV exports of contacts, companies and deals. Synchronous and bounded: an export of more than
 * MAX_EXPORT_ROWS rows is refused with a message that says so (narrow it with a segment or a
 * list), and what fits is read in keyset pages so memory stays at one page of rows plus the file.
 */
export const MAX_EXPORT_ROWS = 50_000;
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
