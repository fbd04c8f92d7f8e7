import { brandingSchema, pageSeoSchema, thankYouSchema } from "@mg/pages/data";
import { LOCAL_DATE_TIME_REGEX } from "@mg/scheduling";
import { z } from "zod";
import { idSchema } from "./common";

/**
 * Landing pages (docs/lead-capture.md, "Landing pages"). Page data itself is validated by
 * @mg/pages' `parsePageData` (block types, escaped plain text, safe URLs, caps) in the service,
 * so a draft that fails it is answered with the reason, not a zod dump of a 150-block tree.
 */
export const pageSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an address.")
  .max(64, "Use at most 64 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens.");

export const pageNameSchema = z.string().trim().min(1, "Enter a name.").max(120, "Use at most 120 characters.");

export const pageIdInput = z.object({ pageId: idSchema });

export const listPagesInput = z.object({ deleted: z.boolean().optional() }).optional();

export const createPageInput = z.object({
  name: pageNameSchema,
  slug: pageSlugSchema.optional(),
  /** A template key from pages.templates; absent: a blank page. */
  templateKey: z.string().max(40).optional(),
});

export const saveDraftInput = z.object({
  pageId: idSchema,
  /** The revision the editor loaded or last saved: an older one is refused (CONFLICT), never applied. */
  draftRevision: z.number().int().nonnegative(),
  /** Puck data; checked by parsePageData. */
  content: z.unknown(),
});

export const updatePageSettingsInput = z.object({
  pageId: idSchema,
  name: pageNameSchema,
  slug: pageSlugSchema,
  seo: pageSeoSchema,
  thankYou: thankYouSchema,
});

const wallTime = z.object({
  /** Wall-clock time in the organization's zone, "YYYY-MM-DDTHH:mm". */
  localTime: z.string().max(16).regex(LOCAL_DATE_TIME_REGEX, "Use a date and time."),
  /** In a DST overlap the same wall time happens twice: which one. */
  disambiguation: z.enum(["earlier", "later"]).optional(),
});

export const schedulePageInput = z.object({
  pageId: idSchema,
  /** null clears it; absent leaves it as it is. */
  publishAt: wallTime.nullable().optional(),
  unpublishAt: wallTime.nullable().optional(),
});

export const rollbackPageInput = z.object({ pageId: idSchema, versionId: idSchema });

export const publishPageInput = z.object({
  pageId: idSchema,
  /** When given, publishing refuses (CONFLICT) unless the draft is still at this revision. */
  draftRevision: z.number().int().nonnegative().optional(),
});

/** Organization branding (Organization.branding): colors as hex, logo over https, a safe font. */
export const updateBrandingInput = brandingSchema;
