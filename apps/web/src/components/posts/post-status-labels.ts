import type { PostStatus, TargetStatus } from "./types";

export type AnyStatus = PostStatus | TargetStatus;

/** Every status in the words the app shows (badges, filters, screen-reader labels). Exhaustive on purpose. */
export const STATUS_LABELS: Record<AnyStatus, string> = {
  DRAFT: "Draft",
  SCHEDULED: "Scheduled",
  PUBLISHING: "Publishing",
  PUBLISHED: "Published",
  PARTIAL: "Partly published",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
  // Sent, but neither the network's answer nor its timeline proves it went out: someone has to look.
  OUTCOME_UNKNOWN: "Not confirmed",
};

/** The status filter of the posts list and the calendar, in the order a person scans them. */
export const STATUS_OPTIONS: { value: PostStatus; label: string }[] = (["DRAFT", "SCHEDULED", "PUBLISHING", "PUBLISHED", "PARTIAL", "FAILED", "OUTCOME_UNKNOWN", "CANCELLED"] as const).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

export function statusLabel(status: AnyStatus): string {
  return STATUS_LABELS[status];
}
