import { CheckCircle2Icon, CircleDashedIcon, CircleHelpIcon, ClockIcon, Loader2Icon, OctagonAlertIcon, SplitIcon, XCircleIcon } from "lucide-react";
import { Badge, type BadgeProps } from "@mg/ui/badge";
import { cn } from "@mg/ui/lib/utils";
import { STATUS_LABELS, type AnyStatus } from "./post-status-labels";

export { STATUS_OPTIONS, statusLabel } from "./post-status-labels";

const STATUS: Record<AnyStatus, { variant: BadgeProps["variant"]; icon: typeof ClockIcon; className?: string }> = {
  DRAFT: { variant: "outline", icon: CircleDashedIcon },
  SCHEDULED: { variant: "secondary", icon: ClockIcon },
  PUBLISHING: { variant: "secondary", icon: Loader2Icon, className: "[&>svg]:animate-spin" },
  PUBLISHED: { variant: "success", icon: CheckCircle2Icon },
  PARTIAL: { variant: "warning", icon: SplitIcon },
  FAILED: { variant: "destructive", icon: OctagonAlertIcon },
  CANCELLED: { variant: "outline", icon: XCircleIcon },
  OUTCOME_UNKNOWN: { variant: "warning", icon: CircleHelpIcon },
};

const ICON_TONE: Record<AnyStatus, string> = {
  DRAFT: "text-muted-foreground",
  SCHEDULED: "text-primary",
  PUBLISHING: "animate-spin text-primary",
  PUBLISHED: "text-success",
  PARTIAL: "text-warning",
  FAILED: "text-destructive",
  CANCELLED: "text-muted-foreground",
  OUTCOME_UNKNOWN: "text-warning",
};

/** Just the icon, for tight spots (month cells); the status is still named for assistive tech and on hover. */
export function PostStatusIcon({ status, className }: { status: AnyStatus; className?: string }) {
  const { icon: Icon } = STATUS[status];
  const label = STATUS_LABELS[status];
  return (
    <span title={label} className="inline-flex shrink-0">
      <Icon className={cn("size-3", ICON_TONE[status], className)} aria-label={label} role="img" />
    </span>
  );
}

/** A post's or a target's status, always as words and an icon (never colour alone). */
export function PostStatusBadge({ status, className, compact = false }: { status: AnyStatus; className?: string; compact?: boolean }) {
  const { variant, icon: Icon, className: extra } = STATUS[status];
  const label = STATUS_LABELS[status];
  return (
    <Badge variant={variant} className={cn(extra, compact && "px-1.5 py-0 text-[0.6875rem]", className)} data-status={status}>
      <Icon aria-hidden />
      {label}
    </Badge>
  );
}
