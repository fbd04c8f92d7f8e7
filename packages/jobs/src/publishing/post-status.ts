import type { PostStatus, PostTargetStatus, TenantDb } from "@mg/db";
import { toTimestampArray } from "./sql";

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

/**
 * refreshPostStatus for many posts of one organization, with the same rule (aggregatePostStatus):
 * two single-table reads by id list and one write of the posts that changed. The caller holds the
 * posts' locks.
 */
export async function refreshPostStatuses(db: TenantDb, organizationId: string, postIds: readonly string[], wall: Date = new Date()): Promise<void> {
  if (postIds.length === 0) return;
  const ids = [...postIds];
  const posts = await db.$queryRaw<{ id: string; status: PostStatus; published_at: Date | null }[]>`
    SELECT id, status::text AS status, published_at FROM posts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${ids}::uuid[])`;
  const targets = await db.$queryRaw<{ post_id: string; status: PostTargetStatus; published_at: Date | null }[]>`
    SELECT post_id, status::text AS status, published_at FROM post_targets WHERE organization_id = ${organizationId}::uuid AND post_id = ANY(${ids}::uuid[])`;
  const byPost = new Map<string, { statuses: PostTargetStatus[]; first: Date | null }>();
  for (const t of targets) {
    const entry = byPost.get(t.post_id) ?? { statuses: [], first: null };
    entry.statuses.push(t.status);
    if (t.published_at && (!entry.first || t.published_at < entry.first)) entry.first = t.published_at;
    byPost.set(t.post_id, entry);
  }
  const changed: { id: string; status: PostStatus; publishedAt: Date | null }[] = [];
  for (const post of posts) {
    if (post.status === "CANCELLED" || post.status === "DRAFT") continue;
    const entry = byPost.get(post.id);
    const status = aggregatePostStatus(entry?.statuses ?? []) ?? post.status;
    const publishedAt = post.published_at ?? entry?.first ?? null;
    if (status !== post.status || publishedAt?.getTime() !== post.published_at?.getTime()) changed.push({ id: post.id, status, publishedAt });
  }
  if (changed.length === 0) return;
  const changedIds = changed.map((c) => c.id);
  await db.$executeRaw`
    UPDATE posts
    SET status = ((${changed.map((c) => c.status)}::text[])[array_position(${changedIds}::uuid[], id)])::"PostStatus",
        published_at = ((${toTimestampArray(changed.map((c) => c.publishedAt))}::text[])[array_position(${changedIds}::uuid[], id)])::timestamptz AT TIME ZONE 'UTC',
        updated_at = ${wall}
    WHERE organization_id = ${organizationId}::uuid AND id = ANY(${changedIds}::uuid[])`;
}
