import { TRPCError } from "@trpc/server";
import type { Prisma, TenantDb } from "@mg/db";
import { accountPageUrl } from "./check-url";

const calendarSelect = {
  id: true,
  content: true,
  status: true,
  timezone: true,
  localTime: true,
  scheduledAt: true,
  publishedAt: true,
  labels: true,
  abTestId: true,
  abVariantKey: true,
  recurrenceRule: true,
  seriesId: true,
  authorId: true,
  mediaIds: true,
  createdAt: true,
  campaign: { select: { id: true, name: true, color: true } },
  targets: {
    select: { id: true, socialAccountId: true, network: true, status: true, lastError: true, externalUrl: true, socialAccount: { select: { name: true, handle: true } } },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.PostSelect;

/** Posts in a time window for the calendar (month/week/list), with the calendar's filters. */
export function listPostsInRange(
  db: TenantDb,
  input: { from: Date; to: Date; accountIds?: string[]; campaignIds?: string[]; statuses?: Prisma.PostWhereInput["status"][]; labels?: string[] },
) {
  const where: Prisma.PostWhereInput = { scheduledAt: { gte: input.from, lt: input.to } };
  if (input.accountIds?.length) where.targets = { some: { socialAccountId: { in: input.accountIds } } };
  if (input.campaignIds?.length) where.campaignId = { in: input.campaignIds };
  if (input.statuses?.length) where.status = { in: input.statuses as NonNullable<Prisma.EnumPostStatusFilter["in"]> };
  if (input.labels?.length) where.labels = { hasSome: input.labels };
  return db.post.findMany({ where, select: calendarSelect, orderBy: { scheduledAt: "asc" }, take: 2_000 });
}

/** The list view: every post, newest first, searchable, cursor-paginated. */
export async function searchPosts(db: TenantDb, input: { query?: string; statuses?: string[]; campaignId?: string; cursor?: string; limit: number }) {
  const where: Prisma.PostWhereInput = {};
  if (input.query) where.OR = [{ content: { contains: input.query, mode: "insensitive" } }, { labels: { has: input.query } }];
  if (input.statuses?.length) where.status = { in: input.statuses as NonNullable<Prisma.EnumPostStatusFilter["in"]> };
  if (input.campaignId) where.campaignId = input.campaignId;
  const rows = await db.post.findMany({
    where,
    select: calendarSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const items = rows.slice(0, input.limit);
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}

/** One post with its variants, media and each target's publish ledger path. */
export async function getPost(db: TenantDb, postId: string) {
  const post = await db.post.findFirst({
    where: { id: postId },
    include: {
      campaign: { select: { id: true, name: true, color: true } },
      abTest: { select: { id: true, name: true, status: true } },
      targets: {
        orderBy: { createdAt: "asc" },
        include: {
          socialAccount: { select: { id: true, name: true, handle: true, network: true, status: true, avatarUrl: true, externalId: true, metadata: true } },
          ledger: { orderBy: { scheduleVersion: "desc" } },
        },
      },
    },
  });
  if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "Post not found." });
  const mediaIds = [...new Set([...post.mediaIds, ...post.targets.flatMap((t) => t.variantMediaIds)])];
  const media = mediaIds.length
    ? await db.mediaAsset.findMany({ where: { id: { in: mediaIds } }, select: { id: true, url: true, fileName: true, mimeType: true, kind: true, sizeBytes: true, width: true, height: true, deletedAt: true } })
    : [];
  // Each target says where its account's posts can be checked on the network (an unconfirmed post
  // is checked there by the user); the account's network id and settings themselves stay here.
  const targets = post.targets.map(({ socialAccount: { externalId, metadata, ...socialAccount }, ...target }) => ({
    ...target,
    socialAccount,
    checkUrl: accountPageUrl({ network: socialAccount.network, handle: socialAccount.handle, externalId, metadata }),
  }));
  return { ...post, targets, media };
}
