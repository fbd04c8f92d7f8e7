import { cn } from "@mg/ui/lib/utils";

/** Brand mark + wordmark. Colours come from theme tokens so white-label overrides apply. */
/**
 * `compact`: on very narrow screens the wordmark is visually hidden (the mark stays) but still
 * names the link, so a link's accessible name always contains the text it shows. The mark's
 * letters are drawn by CSS, not text, so they are not part of any name.
 */
export function Logo({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span
        aria-hidden
        className="grid size-8 place-items-center rounded-lg bg-primary text-sm font-bold text-primary-foreground shadow-sm before:content-['MG']"
      />
      <span className={cn("whitespace-nowrap", compact && "max-[429px]:sr-only")}>Marketing Genius</span>
    </span>
  );
}
