import { CheckCircle2Icon, CircleDashedIcon, ClockIcon, Loader2Icon, OctagonAlertIcon, SplitIcon, XCircleIcon } from "lucide-react";
import { Badge, type BadgeProps } from "@mg/ui/badge";
import { cn } from "@mg/ui/lib/utils";
import type { PostStatus, TargetStatus } from "./types";

type AnyStatus = PostStatus | TargetStatus;

const STATUS: Record<AnyStatus, { label: string; variant: BadgeProps["variant"]; icon: typeof ClockIcon; className?: string }> = {
  DRAFT: { label: "Draft", variant: "outline", icon: CircleDashedIcon },
  SCHEDULED: { label: "Scheduled", variant: "secondary", icon: ClockIcon },
  PUBLISHING: { label: "Publishing", variant: "secondary", icon: Loader2Icon, className: "[&>svg]:animate-spin" },
  PUBLISHED: { label: "Published", variant: "success", icon: CheckCircle2Icon },
  PARTIAL: { label: "Partly published", variant: "warning", icon: SplitIcon },
  FAILED: { label: "Failed", variant: "destructive", icon: OctagonAlertIcon },
  CANCELLED: { label: "Cancelled", variant: "outline", icon: XCircleIcon },
};

export const STATUS_OPTIONS: { value: PostStatus; label: string }[] = (["DRAFT", "SCHEDULED", "PUBLISHING", "PUBLISHED", "PARTIAL", "FAILED", "CANCELLED"] as const).map((value) => ({
  value,
  label: STATUS[value].label,
}));

export function statusLabel(status: AnyStatus): string {
  return STATUS[status].label;
}

const ICON_TONE: Record<AnyStatus, string> = {
  DRAFT: "text-muted-foreground",
  SCHEDULED: "text-primary",
  PUBLISHING: "animate-spin text-primary",
  PUBLISHED: "text-success",
  PARTIAL: "text-warning",
  FAILED: "text-destructive",
  CANCELLED: "text-muted-foreground",
};

/** Just the icon, for tight spots (month cells); the status is still named for assistive tech and on hover. */
export function PostStatusIcon({ status, className }: { status: AnyStatus; className?: string }) {
  const { label, icon: Icon } = STATUS[status];
  return (
    <span title={label} className="inline-flex shrink-0">
      <Icon className={cn("size-3", ICON_TONE[status], className)} aria-label={label} role="img" />
    </span>
  );
}

/** A post's or a target's status, always as words and an icon (never colour alone). */
export function PostStatusBadge({ status, className, compact = false }: { status: AnyStatus; className?: string; compact?: boolean }) {
  const { label, variant, icon: Icon, className: extra } = STATUS[status];
  return (
    <Badge variant={variant} className={cn(extra, compact && "px-1.5 py-0 text-[0.6875rem]", className)} data-status={status}>
      <Icon aria-hidden />
      {label}
    </Badge>
  );
}
