import { z } from "zod";
import { hasControlCharacters } from "./schema";

/**
 * An organization's branding (Organization.branding): the logo, two colors and a font from a safe
 * list. Pages carry no web fonts — each choice is a stack of fonts already on visitors' devices, so
 * nothing is downloaded from a third party and text paints at once.
 */
export const FONT_STACKS = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  humanist: 'Seravek, "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", source-sans-pro, sans-serif',
  geometric: 'Avenir, Montserrat, Corbel, "URW Gothic", source-sans-pro, sans-serif',
  classical: 'Optima, Candara, "Noto Sans", source-sans-pro, sans-serif',
  serif: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
  slab: 'Rockwell, "Rockwell Nova", "Roboto Slab", "DejaVu Serif", "Sitka Small", serif',
  rounded: 'ui-rounded, "Hiragino Maru Gothic ProN", Quicksand, Comfortaa, Manjari, "Arial Rounded MT", Calibri, sans-serif',
  mono: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace',
} as const;

export type FontFamily = keyof typeof FONT_STACKS;
export const FONT_FAMILIES = Object.keys(FONT_STACKS) as [FontFamily, ...FontFamily[]];
export const FONT_LABELS: Record<FontFamily, string> = {
  system: "System (clean sans-serif)",
  humanist: "Humanist sans-serif",
  geometric: "Geometric sans-serif",
  classical: "Classical sans-serif",
  serif: "Serif",
  slab: "Slab serif",
  rounded: "Rounded",
  mono: "Monospace",
};

const hex = z
  .string()
  .max(7, "Use a hex color like #1d4ed8")
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a hex color like #1d4ed8")
  .transform((v) => v.toLowerCase());
const httpsUrl = z
  .string()
  .max(2_000)
  .refine((v) => {
    try {
      return new URL(v).protocol === "https:";
    } catch {
      return false;
    }
  }, "Use an https:// address");

export const brandingSchema = z.object({
  logoUrl: httpsUrl.optional(),
  primaryColor: hex.optional(),
  accentColor: hex.optional(),
  fontFamily: z.enum(FONT_FAMILIES).optional(),
  productName: z
    .string()
    .trim()
    .max(80)
    .refine((s) => !hasControlCharacters(s) && !s.includes("\n"), "Control characters are not allowed")
    .optional(),
});
export type Branding = z.infer<typeof brandingSchema>;

export const DEFAULT_BRANDING = { primaryColor: "#1d4ed8", accentColor: "#0f766e", fontFamily: "system" } as const satisfies Branding;

/** Stored branding read defensively: an invalid key falls back to the default, never breaks a page. */
export function readBranding(value: unknown): Branding {
  const out: Branding = {};
  if (value && typeof value === "object") {
    for (const [key, schema] of Object.entries(brandingSchema.shape)) {
      const parsed = schema.safeParse((value as Record<string, unknown>)[key]);
      if (parsed.success && parsed.data !== undefined) (out as Record<string, unknown>)[key] = parsed.data;
    }
  }
  return out;
}

function luminance(hexColor: string): number {
  const channel = (i: number) => {
    const c = parseInt(hexColor.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Text on a brand color: white or near-black, whichever reads better (WCAG contrast). */
export function readableOn(background: string): string {
  return contrastRatio(background, "#ffffff") >= contrastRatio(background, "#111827") ? "#ffffff" : "#111827";
}

/**
 * A brand color used as text on white must reach 4.5:1 (axe's contrast rule); a light brand color
 * is darkened until it does, so any tenant's choice stays readable.
 */
export function textSafe(color: string): string {
  let [r, g, b] = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];
  let out = color;
  for (let step = 0; step < 20 && contrastRatio(out, "#ffffff") < 4.5; step++) {
    [r, g, b] = [r, g, b].map((c) => Math.round(c * 0.85)) as [number, number, number];
    out = `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`;
  }
  return out;
}

/** The CSS custom properties a page's stylesheet reads. Values are validated hex and fixed stacks. */
export function brandingCssVariables(branding: Branding): string {
  const primary = branding.primaryColor ?? DEFAULT_BRANDING.primaryColor;
  const accent = branding.accentColor ?? DEFAULT_BRANDING.accentColor;
  const font = FONT_STACKS[branding.fontFamily ?? DEFAULT_BRANDING.fontFamily];
  return [
    `--mg-primary:${primary}`,
    `--mg-on-primary:${readableOn(primary)}`,
    `--mg-primary-text:${textSafe(primary)}`,
    `--mg-accent:${accent}`,
    `--mg-on-accent:${readableOn(accent)}`,
    `--mg-accent-text:${textSafe(accent)}`,
    `--mg-font:${font}`,
  ].join(";");
}
