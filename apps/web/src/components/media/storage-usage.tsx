import { Progress } from "~/components/progress";
import { formatMb } from "./limits";

/** How much of the plan's media storage is used. */
export function StorageUsage({ usedMb, limitMb, className }: { usedMb: number; limitMb: number | null; className?: string }) {
  const ratio = limitMb ? usedMb / limitMb : 0;
  return (
    <div className={className} data-testid="storage-usage">
      <div className="mb-2 flex items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">Storage</span>
        <span className="text-muted-foreground tabular-nums">
          {formatMb(usedMb)} of {limitMb === null ? "unlimited" : formatMb(limitMb)} used
        </span>
      </div>
      {limitMb === null ? (
        <div className="h-2 rounded-full bg-muted" aria-hidden />
      ) : (
        <Progress value={Math.min(usedMb, limitMb)} max={limitMb} label="Media storage used" tone={ratio >= 1 ? "destructive" : ratio >= 0.8 ? "warning" : "primary"} />
      )}
    </div>
  );
}
