import { cn } from "@mg/ui/lib/utils";

/** A labelled progress bar (role="progressbar" with its value for assistive tech). */
export function Progress({ value, max, label, className, tone = "primary" }: { value: number; max: number; label: string; className?: string; tone?: "primary" | "warning" | "destructive" }) {
  const pct = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} className={cn("h-2 w-full overflow-hidden rounded-full bg-muted", className)}>
      <div
        className={cn("h-full rounded-full transition-[width] duration-500", tone === "primary" && "bg-primary", tone === "warning" && "bg-warning", tone === "destructive" && "bg-destructive")}
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}
