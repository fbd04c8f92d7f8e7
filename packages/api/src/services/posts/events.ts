import type { JobEvent } from "@mg/jobs";

type Scheduled = { id: string; organizationId: string; scheduleVersion: number; scheduledAt: Date | null };

/** Deterministic ids: a resend after a crash (or an outbox replay) is deduplicated by the engine. */
export function scheduledEvent(post: Scheduled): JobEvent | null {
  if (!post.scheduledAt) return null;
  return {
    name: "post/scheduled",
    id: `post:${post.id}:v${post.scheduleVersion}`,
    data: { organizationId: post.organizationId, postId: post.id, scheduleVersion: post.scheduleVersion, scheduledAt: post.scheduledAt.toISOString() },
  };
}

export function cancelledEvent(post: Omit<Scheduled, "scheduledAt">): JobEvent {
  return {
    name: "post/cancelled",
    id: `post:${post.id}:cancel:v${post.scheduleVersion}`,
    data: { organizationId: post.organizationId, postId: post.id, scheduleVersion: post.scheduleVersion },
  };
}
