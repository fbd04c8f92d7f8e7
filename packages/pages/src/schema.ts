import { z } from "zod";

/**
 * The page data a draft and a published version hold (Puck's `Data` shape: `root`, `content`,
 * `zones`), validated at the API boundary. Only our block types, only plain text (rendered
 * escaped by React), URLs limited to https/http/mailto/tel or site-relative, and caps on the
 * number of blocks and the size of every string so a page stays cheap to edit and render.
 */
export const PAGE_LIMITS = {
  /** Blocks on a page: far above any real landing page, well below where an editor struggles. */
  blocks: 150,
  /** Items of an array block (features, FAQ, tiers…). */
  items: 24,
  /** Serialized size of a page's data. */
  bytes: 200_000,
  shortText: 200,
  longText: 5_000,
  url: 2_000,
} as const;

// PostgreSQL cannot store NUL in text/jsonb, and other C0 controls have no place in page copy.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), "Control characters are not allowed");

/** Exported for other schemas (branding). */
export const hasControlCharacters = (s: string) => CONTROL.test(s);

export const shortText = text(PAGE_LIMITS.shortText);
export const longText = text(PAGE_LIMITS.longText);

/** A link or image address a visitor's browser may follow: https/http, mailto, tel, or site-relative. */
export function isSafeUrl(value: string): boolean {
  if (value === "") return true;
  if (value.startsWith("/") && !value.startsWith("//")) return true;
  if (value.startsWith("#")) return true;
  try {
    const url = new URL(value);
    return ["https:", "http:", "mailto:", "tel:"].includes(url.protocol);
  } catch {
    return false;
  }
}

export const safeUrl = text(PAGE_LIMITS.url).refine(isSafeUrl, "Use an https://, mailto: or tel: address, or a path starting with /");
/** Images must come from https (or the site itself): mixed content would be blocked. */
export const imageUrl = text(PAGE_LIMITS.url).refine((v) => v === "" || (v.startsWith("/") && !v.startsWith("//")) || /^https:\/\//i.test(v), "Use an https:// image address");

const dimension = z.number().int().min(1).max(10_000);
const items = <T extends z.ZodType>(item: T) => z.array(item).max(PAGE_LIMITS.items);
const align = z.enum(["left", "center"]);
const tone = z.enum(["plain", "tinted", "brand"]);

// Every block's props carry the id Puck gives it.
const id = text(64).min(1);

export const heroProps = z.object({
  id,
  eyebrow: shortText.default(""),
  heading: shortText.default(""),
  subheading: longText.default(""),
  ctaLabel: shortText.default(""),
  ctaHref: safeUrl.default(""),
  secondaryLabel: shortText.default(""),
  secondaryHref: safeUrl.default(""),
  imageUrl: imageUrl.default(""),
  imageAlt: shortText.default(""),
  imageWidth: dimension.default(1200),
  imageHeight: dimension.default(800),
  align: align.default("left"),
  tone: tone.default("tinted"),
});

export const textProps = z.object({
  id,
  heading: shortText.default(""),
  body: longText.default(""),
  align: align.default("left"),
});

export const imageProps = z.object({
  id,
  src: imageUrl.default(""),
  /** Extra candidates, one per line: "<https url> <width>w". */
  srcset: longText.default(""),
  alt: shortText.default(""),
  caption: shortText.default(""),
  width: dimension.default(1200),
  height: dimension.default(800),
});

export const featuresProps = z.object({
  id,
  heading: shortText.default(""),
  intro: longText.default(""),
  columns: z.enum(["2", "3", "4"]).default("3"),
  items: items(z.object({ title: shortText.default(""), body: longText.default(""), icon: text(8).default("") })).default([]),
});

export const testimonialsProps = z.object({
  id,
  heading: shortText.default(""),
  items: items(z.object({ quote: longText.default(""), name: shortText.default(""), role: shortText.default("") })).default([]),
});

export const faqProps = z.object({
  id,
  heading: shortText.default(""),
  items: items(z.object({ question: shortText.default(""), answer: longText.default("") })).default([]),
});

export const pricingProps = z.object({
  id,
  heading: shortText.default(""),
  intro: longText.default(""),
  tiers: items(
    z.object({
      name: shortText.default(""),
      price: shortText.default(""),
      period: shortText.default(""),
      /** One feature per line. */
      features: longText.default(""),
      ctaLabel: shortText.default(""),
      ctaHref: safeUrl.default(""),
      highlighted: z.enum(["no", "yes"]).default("no"),
    }),
  ).default([]),
});

export const ctaProps = z.object({
  id,
  heading: shortText.default(""),
  body: longText.default(""),
  label: shortText.default(""),
  href: safeUrl.default(""),
  tone: tone.default("brand"),
});

export const countdownProps = z.object({
  id,
  heading: shortText.default(""),
  /** The end as an ISO 8601 instant (the editor stores UTC; shown in the organization's zone). */
  endsAt: text(40).refine((v) => v === "" || !Number.isNaN(Date.parse(v)), "Use a date and time").default(""),
  expiredText: shortText.default(""),
});

export const videoProps = z.object({
  id,
  /** A YouTube or Vimeo address; nothing of theirs loads until the visitor clicks play. */
  url: safeUrl.default(""),
  title: shortText.default(""),
  posterUrl: imageUrl.default(""),
});

export const spacerProps = z.object({
  id,
  size: z.enum(["small", "medium", "large"]).default("medium"),
  divider: z.enum(["no", "yes"]).default("no"),
});

export const formProps = z.object({
  id,
  heading: shortText.default(""),
  intro: longText.default(""),
  /** The lead form's id (or, on seeded demo pages, its slug). */
  formId: text(100).default(""),
});

const block = <T extends string, P extends z.ZodType>(type: T, props: P) => z.object({ type: z.literal(type), props });

export const blockSchema = z.discriminatedUnion("type", [
  block("Hero", heroProps),
  block("Text", textProps),
  block("Image", imageProps),
  block("Features", featuresProps),
  block("Testimonials", testimonialsProps),
  block("Faq", faqProps),
  block("Pricing", pricingProps),
  block("CallToAction", ctaProps),
  block("Countdown", countdownProps),
  block("Video", videoProps),
  block("Spacer", spacerProps),
  block("Form", formProps),
]);

export type PageBlock = z.infer<typeof blockSchema>;
export type BlockType = PageBlock["type"];
export type BlockProps<T extends BlockType> = Extract<PageBlock, { type: T }>["props"];

export const pageDataSchema = z
  .object({
    root: z.object({ props: z.object({ title: shortText.optional() }).default({}) }).default({ props: {} }),
    content: z.array(blockSchema).max(PAGE_LIMITS.blocks, `A page holds at most ${PAGE_LIMITS.blocks} blocks`),
    // We use no drop zones or slots: anything here would be data the renderer ignores.
    zones: z.record(z.string(), z.array(z.never())).optional(),
  })
  .superRefine((data, ctx) => {
    const ids = new Set<string>();
    for (const b of data.content) {
      if (ids.has(b.props.id)) ctx.addIssue({ code: "custom", message: "Two blocks share an id", path: ["content"] });
      ids.add(b.props.id);
    }
  });

export type PageData = z.infer<typeof pageDataSchema>;

/** Parses page data from an untrusted source (a draft save, a stored row), size cap included. */
export function parsePageData(value: unknown): { ok: true; data: PageData } | { ok: false; message: string } {
  const size = JSON.stringify(value ?? null).length;
  if (size > PAGE_LIMITS.bytes) return { ok: false, message: `The page is too large (${Math.round(size / 1000)} KB; at most ${PAGE_LIMITS.bytes / 1000} KB)` };
  const parsed = pageDataSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue ? `${issue.path.join(".") || "page"}: ${issue.message}` : "Invalid page" };
  }
  return { ok: true, data: parsed.data };
}

export const EMPTY_PAGE: PageData = { root: { props: {} }, content: [] };

/** Per-page SEO. */
export const pageSeoSchema = z.object({
  title: shortText.default(""),
  description: text(500).default(""),
  socialImageUrl: imageUrl.default(""),
  noindex: z.boolean().default(false),
});
export type PageSeo = z.infer<typeof pageSeoSchema>;

/** After a page's form is sent: a message on the page, or a redirect. */
export const thankYouSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("message"), message: longText.default("") }),
  z.object({ kind: z.literal("url"), url: safeUrl.refine((v) => v !== "", "Enter the address") }),
]);
export type ThankYou = z.infer<typeof thankYouSchema>;
