import { z } from "zod";
import { idSchema } from "./common";

/**
 * Tracked short links (/r/{code}) and their QR codes (docs/lead-capture.md, "Links, QR and
 * attribution"). Shared by the link dialog and the procedures' `.input()`.
 */

/** Generated codes: base62, this long (62^7 ≈ 3.5 · 10^12, so a random claim rarely collides). */
export const GENERATED_CODE_LENGTH = 7;
/** Vanity codes: letters, digits, "-" and "_"; 3–40 characters, not starting or ending with a dash/underscore. */
export const VANITY_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{1,38})[A-Za-z0-9]$/;
/** Codes the product keeps for itself (they would read as something else on a poster or in support). */
export const RESERVED_CODES = new Set(["admin", "api", "app", "help", "login", "null", "qr", "r", "p", "f", "c", "signin", "signup", "static", "support", "undefined", "www"]);

export const vanityCodeSchema = z
  .string()
  .trim()
  .max(40, "Use at most 40 characters.")
  .regex(VANITY_CODE, "Use 3–40 letters, digits, “-” or “_” (starting and ending with a letter or digit).")
  .refine((code) => !RESERVED_CODES.has(code.toLowerCase()), "That code is reserved. Choose another one.");

const utmValue = z
  .string()
  .trim()
  .max(200, "Use at most 200 characters.")
  .transform((value) => (value === "" ? undefined : value))
  .optional();

export const utmSchema = z.object({ source: utmValue, medium: utmValue, campaign: utmValue, term: utmValue, content: utmValue });
export type Utm = z.infer<typeof utmSchema>;
export const UTM_KEYS = ["source", "medium", "campaign", "term", "content"] as const;

/**
 * The destination with the link's UTM parameters merged in (the redirect's rule, and the link
 * dialog's preview of it): the destination's own query and fragment are kept, the link's UTM
 * values replace any utm_* of the same name, and every value is encoded by URLSearchParams (a
 * hostile value cannot add parameters or break out of the query). Relative destinations (a
 * landing page's path) stay relative to the site.
 */
export function withUtm(destination: string, utm: Partial<Record<(typeof UTM_KEYS)[number], string | undefined>>): string {
  const relative = destination.startsWith("/");
  const url = new URL(destination, "https://site.invalid");
  for (const key of UTM_KEYS) {
    const value = utm[key]?.trim();
    if (value) url.searchParams.set(`utm_${key}`, value);
  }
  return relative ? `${url.pathname}${url.search}${url.hash}` : url.toString();
}

/**
 * Any https URL (never javascript:, data:, http: or credentials in the URL): the public redirect
 * sends visitors there, so what is stored here is what an open redirect would be made of.
 */
export const destinationUrlSchema = z
  .string()
  .trim()
  .max(2000, "Use at most 2,000 characters.")
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && url.hostname.length > 0 && url.username === "" && url.password === "";
    } catch {
      return false;
    }
  }, "Enter a full https:// address, such as https://example.com/offer.");

/** Where a link goes: one of the organization's landing pages, or an https URL. */
export const linkDestinationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("page"), pageId: idSchema }),
  z.object({ kind: z.literal("url"), url: destinationUrlSchema }),
]);
export type LinkDestination = z.infer<typeof linkDestinationSchema>;

const nameSchema = z.string().trim().min(1, "Give the link a name.").max(120, "Use at most 120 characters.");

export const createLinkInput = z.object({
  name: nameSchema,
  destination: linkDestinationSchema,
  utm: utmSchema.default({}),
  campaignId: idSchema.nullish(),
  /** A vanity code; omitted: a random one is generated. */
  code: vanityCodeSchema.optional(),
});
export type CreateLinkInput = z.input<typeof createLinkInput>;

/** The code never changes: printed QR codes and shared links must keep working. */
export const updateLinkInput = z.object({
  linkId: idSchema,
  name: nameSchema.optional(),
  destination: linkDestinationSchema.optional(),
  utm: utmSchema.optional(),
  campaignId: idSchema.nullish(),
});

export const linkIdInput = z.object({ linkId: idSchema });
export const archiveLinkInput = z.object({ linkId: idSchema, archived: z.boolean() });

export const linkListInput = z
  .object({
    includeArchived: z.boolean().default(false),
    search: z.string().trim().max(120).optional(),
    campaignId: idSchema.optional(),
    limit: z.number().int().min(1).max(100).default(25),
    /** The last row's id of the previous page. */
    cursor: idSchema.optional(),
  })
  .default({ includeArchived: false, limit: 25 });

/** Stats over a range of days (UTC calendar days), at most a year. */
export const linkStatsInput = z.object({
  linkId: idSchema,
  days: z.number().int().min(1).max(366).default(30),
});

/** Print sizes (edge of the square, quiet zone included) at 300 dpi. */
export const QR_PRINT_SIZES = {
  "2cm": { label: "2 cm (business card)", cm: 2 },
  "3cm": { label: "3 cm (flyer)", cm: 3 },
  "5cm": { label: "5 cm (poster)", cm: 5 },
  "10cm": { label: "10 cm (shop window)", cm: 10 },
  "20cm": { label: "20 cm (large window / banner)", cm: 20 },
} as const;
export type QrPrintSize = keyof typeof QR_PRINT_SIZES;
export const QR_DPI = 300;
export const qrPrintSizeSchema = z.enum(Object.keys(QR_PRINT_SIZES) as [QrPrintSize, ...QrPrintSize[]]);

export const linkQrInput = z.object({
  linkId: idSchema,
  size: qrPrintSizeSchema.default("5cm"),
  /** A logo in the middle: error correction H (30 % of the code may be covered) instead of M. */
  logo: z.boolean().default(false),
});

export const campaignLeadsInput = z.object({ campaignId: idSchema, limit: z.number().int().min(1).max(100).default(20) });
