import { cn } from "@mg/ui/lib/utils";

/** Brand mark + wordmark. Colours come from theme tokens so white-label overrides apply. */
/** `compact`: hide the wordmark on very narrow screens (the mark stays; links keep an aria-label). */
export function Logo({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn("inline-flex items-center gap-2 font-semibold tracking-tight", className)}>
      <span
        aria-hidden
        className="grid size-8 place-items-center rounded-lg bg-primary text-sm font-bold text-primary-foreground shadow-sm"
      >
        MG
      </span>
      <span className={cn("whitespace-nowrap", compact && "hidden min-[430px]:inline")}>Marketing Genius</span>
    </span>
  );
}
