import type { PostStatus, PostTargetStatus, TenantDb } from "@mg/db";

/**
 * A post's status as its targets say: still going → PUBLISHING, any whose outcome is unknown →
 * OUTCOME_UNKNOWN (the user has a decision to make, whatever the others did), all out →
 * PUBLISHED, none out → FAILED, some of each → PARTIAL. Cancelled targets do not count. Null =
 * keep the current one (nothing has started yet, or the post has no live target).
 */
export function aggregatePostStatus(targets: readonly PostTargetStatus[]): PostStatus | null {
  const live = targets.filter((s) => s !== "CANCELLED" && s !== "DRAFT");
  if (live.length === 0) return null;
  const started = live.some((s) => s !== "SCHEDULED");
  if (live.some((s) => s === "SCHEDULED" || s === "PUBLISHING")) return started ? "PUBLISHING" : null;
  if (live.some((s) => s === "OUTCOME_UNKNOWN")) return "OUTCOME_UNKNOWN";
  const published = live.filter((s) => s === "PUBLISHED").length;
  if (published === live.length) return "PUBLISHED";
  return published === 0 ? "FAILED" : "PARTIAL";
}

/**
 * Every transaction that writes a post's targets or the post itself takes this row lock first:
 * one lock order (post → ledger → target) for claims, answers and failures, so concurrent
 * workers on targets of one post queue up instead of deadlocking. It also orders a claim
 * against a concurrent reschedule (which updates the post row).
 */
export async function lockPost(db: TenantDb, postId: string): Promise<void> {
  await db.$queryRaw`SELECT id FROM posts WHERE id = ${postId}::uuid FOR NO KEY UPDATE`;
}

/** Recomputes the post's status and first publication time; a cancelled or draft post keeps its status. */
export async function refreshPostStatus(db: TenantDb, postId: string): Promise<PostStatus | null> {
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { status: true, publishedAt: true, targets: { select: { status: true, publishedAt: true } } },
  });
  if (!post || post.status === "CANCELLED" || post.status === "DRAFT") return post?.status ?? null;
  const next = aggregatePostStatus(post.targets.map((t) => t.status));
  const firstPublished = post.targets
    .map((t) => t.publishedAt)
    .filter((d): d is Date => d !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const status = next ?? post.status;
  const publishedAt = post.publishedAt ?? firstPublished ?? null;
  if (status !== post.status || publishedAt !== post.publishedAt) {
    await db.post.update({ where: { id: postId }, data: { status, publishedAt } });
  }
  return status;
}
