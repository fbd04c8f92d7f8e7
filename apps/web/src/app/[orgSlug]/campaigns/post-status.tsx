import { Badge, type BadgeProps } from "@mg/ui/badge";

const STATUS: Record<string, { label: string; variant: BadgeProps["variant"]; dot: string }> = {
  DRAFT: { label: "Draft", variant: "outline", dot: "bg-muted-foreground" },
  SCHEDULED: { label: "Scheduled", variant: "secondary", dot: "bg-primary" },
  PUBLISHING: { label: "Publishing", variant: "secondary", dot: "bg-warning" },
  PUBLISHED: { label: "Published", variant: "success", dot: "bg-success" },
  PARTIAL: { label: "Partly published", variant: "warning", dot: "bg-warning" },
  FAILED: { label: "Failed", variant: "destructive", dot: "bg-destructive" },
  CANCELLED: { label: "Cancelled", variant: "outline", dot: "bg-muted-foreground/50" },
  OUTCOME_UNKNOWN: { label: "Not confirmed", variant: "warning", dot: "bg-warning" },
};

export function postStatusLabel(status: string): string {
  return STATUS[status]?.label ?? status;
}

export function postStatusDot(status: string): string {
  return STATUS[status]?.dot ?? "bg-muted-foreground";
}

/** A post's (or target's) publishing status, worded for people. */
export function PostStatusBadge({ status, className }: { status: string; className?: string }) {
  const s = STATUS[status] ?? { label: status, variant: "outline" as const };
  return (
    <Badge variant={s.variant} className={className} data-status={status}>
      {s.label}
    </Badge>
  );
}

/** The page of one post (owned by the posts area). */
export function postPath(slug: string, postId: string): string {
  return `/${slug}/posts/${postId}`;
}
