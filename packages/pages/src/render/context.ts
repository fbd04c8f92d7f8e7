import type { FormRenderContext, RenderableForm } from "../forms/types";

/**
 * What blocks read besides their props, passed as Puck `metadata` (the same object reaches every
 * block in the editor and in the server render).
 */
export interface BlockRenderContext {
  /** "editor": placeholders where the published page shows live data (forms). */
  mode: "editor" | "published";
  /** The organization's IANA zone and locale, for dates (countdown). */
  timeZone: string;
  locale: string;
  /** Forms the page's Form blocks name, by the reference in the block (id or demo slug). */
  forms: Record<string, RenderableForm>;
  formContext?: (form: RenderableForm) => FormRenderContext;
  /** Block ids painted in the first viewport: their images load eagerly (LCP), the rest lazily. */
  aboveFold: ReadonlySet<string>;
  /** The time the HTML is rendered (countdowns show expired copy once it has passed). */
  now: Date;
  /** Forms named by blocks but not found — the renderer reports them, blocks render nothing. */
  missingForms?: Set<string>;
}

const FALLBACK: BlockRenderContext = { mode: "editor", timeZone: "UTC", locale: "en", forms: {}, aboveFold: new Set(), now: new Date(0) };

/**
 * Puck copies `metadata` deeply before blocks see it, which turns Sets and Dates into empty
 * objects; functions pass through untouched, so the context travels behind one.
 */
export function contextMetadata(context: BlockRenderContext): Record<string, unknown> {
  return { mgContext: () => context };
}

export function contextOf(metadata: unknown): BlockRenderContext {
  const read = metadata && typeof metadata === "object" ? (metadata as { mgContext?: unknown }).mgContext : undefined;
  if (typeof read === "function") return read() as BlockRenderContext;
  return { ...FALLBACK, now: new Date() };
}
