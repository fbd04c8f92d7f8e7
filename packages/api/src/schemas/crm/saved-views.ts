import { z } from "zod";
import { idSchema } from "../common";

/**
 * A saved table view: visible columns (built-in keys or "cf:<fieldId>"), the filter and the sort,
 * exactly what the table sends to list — the view is applied by handing its config to the list.
 */
const MAX_FILTERS = 20;

export const savedViewConfigSchema = z.object({
  columns: z.array(z.string().max(60)).max(100),
  filters: z
    .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null(), z.array(z.string().max(200)).max(100)]))
    .refine((v) => Object.keys(v).length <= MAX_FILTERS, { message: `At most ${MAX_FILTERS} filters in a view.` })
    // Declared for the boundary suite's schema walk: the refine above is what enforces it.
    .meta({ maxProperties: MAX_FILTERS })
    .default({}),
  sort: z.object({ field: z.string().max(40), direction: z.enum(["asc", "desc"]) }).optional(),
});
export type SavedViewConfig = z.infer<typeof savedViewConfigSchema>;

export const savedViewSaveInput = z.object({
  /** Omitted: a new view; given: replaces that view's name and config. */
  viewId: idSchema.optional(),
  name: z.string().trim().min(1, "Give the view a name.").max(80),
  /** Shared with everyone in the organization (needs the update permission) or personal. */
  shared: z.boolean().default(false),
  config: savedViewConfigSchema,
});
/** One or more views (the caller's own, or shared ones for those who may share). */
export const savedViewDeleteInput = z.object({ viewIds: z.array(idSchema).min(1).max(100) });
