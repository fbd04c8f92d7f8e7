import { Badge } from "@mg/ui/badge";
import { cn } from "@mg/ui/lib/utils";
import { Clock3Icon } from "lucide-react";

/**
 * The one marker for a feature that does not exist yet. Wherever a coming-soon catalog feature
 * appears, this sits next to its name, so it can never be read as included.
 */
export function ComingSoonBadge({ className }: { className?: string }) {
  return (
    <Badge variant="secondary" data-coming-soon="" className={cn("rounded-full", className)}>
      <Clock3Icon aria-hidden />
      Coming soon
    </Badge>
  );
}
