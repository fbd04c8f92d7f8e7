import { TRPCError } from "@trpc/server";
import { Prisma, type TenantDb, type TenantRows } from "@mg/db";
import { tiktokChoice } from "@mg/integrations/types";
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

type SearchInput = { query?: string; statuses?: string[]; campaignId?: string; cursor?: string; limit: number };
/** A row of the posts list: the calendar's fields, in the shape the Prisma select above gives. */
export type SearchedPost = Prisma.PostGetPayload<{ select: typeof calendarSelect }>;

/** `%` and `_` are wildcards in LIKE: a search for "50%" means those three characters. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The list view's one statement, for an organization given as a bound id: the page of posts by
 * (created_at, id) descending — a keyset, so every page reads only its own rows of the
 * `(organization_id, created_at DESC, id DESC)` index (or the status/campaign one) — and then each
 * page row's campaign and targets as JSON. The cursor is a post id; its position is read by
 * primary key within the organization, so an id of another organization (or of nobody) finds no
 * row, and the page is empty. Exported for the benchmark, which runs the same SQL unscoped.
 */
export function searchPostsSql(organizationId: string, input: SearchInput): Prisma.Sql {
  const org = Prisma.sql`${organizationId}::uuid`;
  const filters: Prisma.Sql[] = [Prisma.sql`p.organization_id = ${org}`];
  if (input.query) filters.push(Prisma.sql`(p.content ILIKE ${likePattern(input.query)} OR ${input.query} = ANY(p.labels))`);
  // An equality for one status (the list's own filter); it filters the walk of the list's index (see the schema).
  if (input.statuses?.length === 1) filters.push(Prisma.sql`p.status = ${input.statuses[0]}::"PostStatus"`);
  else if (input.statuses?.length) filters.push(Prisma.sql`p.status = ANY(${input.statuses}::text[]::"PostStatus"[])`);
  if (input.campaignId) filters.push(Prisma.sql`p.campaign_id = ${input.campaignId}::uuid`);
  if (input.cursor) {
    // Scalar subquery, not a row subquery: a row comparison with a parameter stays an index condition.
    filters.push(Prisma.sql`(p.created_at, p.id) < ((SELECT k.created_at FROM posts k WHERE k.id = ${input.cursor}::uuid AND k.organization_id = ${org}), ${input.cursor}::uuid)`);
  }
  return Prisma.sql`
    WITH page AS (
      SELECT p.id, p.content, p.status::text AS status, p.timezone, p.local_time, p.scheduled_at, p.published_at, p.labels, p.ab_test_id,
             p.ab_variant_key, p.recurrence_rule, p.series_id, p.author_id, p.media_ids, p.created_at, p.campaign_id
      FROM posts p
      WHERE ${Prisma.join(filters, " AND ")}
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT ${input.limit + 1}
    )
    SELECT page.id, page.content, page.status, page.timezone, page.local_time AS "localTime", page.scheduled_at AS "scheduledAt",
           page.published_at AS "publishedAt", page.labels, page.ab_test_id AS "abTestId", page.ab_variant_key AS "abVariantKey",
           page.recurrence_rule AS "recurrenceRule", page.series_id AS "seriesId", page.author_id AS "authorId", page.media_ids AS "mediaIds",
           page.created_at AS "createdAt",
           (SELECT json_build_object('id', c.id, 'name', c.name, 'color', c.color) FROM campaigns c WHERE c.id = page.campaign_id AND c.organization_id = ${org}) AS campaign,
           COALESCE((
             SELECT json_agg(json_build_object('id', t.id, 'socialAccountId', t.social_account_id, 'network', t.network, 'status', t.status, 'lastError', t.last_error,
                                               'externalUrl', t.external_url, 'socialAccount', json_build_object('name', a.name, 'handle', a.handle)) ORDER BY t.created_at, t.id)
             FROM post_targets t JOIN social_accounts a ON a.id = t.social_account_id AND a.organization_id = ${org}
             WHERE t.post_id = page.id AND t.organization_id = ${org}
           ), '[]'::json) AS targets
    FROM page
    ORDER BY page.created_at DESC, page.id DESC`;
}

/** The list view: every post, newest first, searchable, keyset-paginated by post id. */
export async function searchPosts(db: TenantRows, input: SearchInput): Promise<{ items: SearchedPost[]; nextCursor: string | null }> {
  // On the transaction's connection through the driver alone: the statement already returns the list's shape.
  const rows = await db.$queryRows<SearchedPost>(searchPostsSql(db.$organizationId, input));
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
    // The composer edits a TikTok target's audience as `tiktok: { privacyLevel }`, as it sends it.
    tiktok: tiktokChoice(target.tiktokPrivacyLevel),
  }));
  return { ...post, targets, media };
}
