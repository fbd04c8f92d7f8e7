import { isSafeUrl } from "../schema";

/** A link only where the address is one a page may hold (validated data can still be stale). */
export function safeHref(href: string): string | undefined {
  return href && isSafeUrl(href) ? href : undefined;
}

export function safeImage(src: string): string | undefined {
  if (!src) return undefined;
  if (src.startsWith("/") && !src.startsWith("//")) return src;
  return /^https:\/\//i.test(src) ? src : undefined;
}

export function Button({ label, href, variant = "primary" }: { label: string; href: string; variant?: "primary" | "secondary" }) {
  const target = safeHref(href);
  if (!label || !target) return null;
  return (
    <a className={`mg-button mg-button-${variant}`} href={target}>
      {label}
    </a>
  );
}

/** Multi-line copy as paragraphs (a blank line starts a new one; single newlines are kept). */
export function Paragraphs({ text, className }: { text: string; className?: string }) {
  if (!text.trim()) return null;
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} className={className}>
            {p.split("\n").flatMap((line, j) => (j === 0 ? [line] : [<br key={j} />, line]))}
          </p>
        ))}
    </>
  );
}

/** "url 640w" lines → a srcset of https candidates only. */
export function parseSrcset(lines: string): string | undefined {
  const candidates = lines
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [url, descriptor] = l.split(/\s+/);
      if (!url || !safeImage(url) || !descriptor || !/^\d{2,5}w$/.test(descriptor)) return undefined;
      return `${url} ${descriptor}`;
    })
    .filter((c): c is string => c !== undefined);
  return candidates.length > 0 ? candidates.join(", ") : undefined;
}

/** The layout's content column: images never render wider than this. */
export const CONTENT_SIZES = "(max-width: 72rem) 100vw, 72rem";
