import { GlobeIcon } from "lucide-react";
import { cn } from "@mg/ui/lib/utils";
import { zoneDescription, zoneOffsetDetail } from "~/lib/scheduling-ui";

/** "Times in Europe/London (BST)" — shown wherever a time is read or chosen. */
export function ZoneNote({ timezone, now, className, prefix = "Times in" }: { timezone: string; now: Date; className?: string; prefix?: string }) {
  return (
    <p className={cn("inline-flex items-center gap-1.5 text-sm text-muted-foreground", className)} data-testid="org-timezone" data-timezone={timezone} title={zoneOffsetDetail(timezone, now)}>
      <GlobeIcon className="size-4 shrink-0" aria-hidden />
      <span>
        {prefix} <span className="font-medium text-foreground">{zoneDescription(timezone, now)}</span>
      </span>
    </p>
  );
}
