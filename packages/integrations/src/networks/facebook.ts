import { z } from "zod";
import type { AccountAuth, ContentRules, NetworkAdapter, RemotePost, PostMetrics, PublishRequest, PublishResult } from "../types";
import { validateAgainstRules } from "../validation";
import { createdSince, foundPost, NOT_VISIBLE, postFirstComment, firstComment, sameText, singleVideoIssues, unlessNotFound } from "./common";
import { createGraphApi, emptyMetrics, idSchema, metric, renewGraphToken, type GraphApi } from "./graph";
import type { NetworkAdapterConfig } from "./http";

const MB = 1024 * 1024;

export const FACEBOOK_RULES: ContentRules = {
  maxTextLength: 63_206,
  maxMedia: 10,
  requiresMedia: false,
  allowsMixedMedia: false,
  maxImageBytes: 10 * MB,
  maxVideoBytes: 10 * 1024 * MB,
  maxVideoSeconds: 240 * 60,
  imageTypes: ["image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff"],
  videoTypes: ["video/mp4", "video/quicktime", "video/webm"],
  supportsFirstComment: true,
  supportsCarousel: true,
};

export const FACEBOOK_SCOPES = [
  "pages_show_list",
  "pages_read_engagement",
  "pages_read_user_content",
  "pages_manage_posts",
  "pages_manage_engagement",
  "read_insights",
  "business_management",
] as const;

const NAME = "Facebook";

/**
 * A page post made through /feed or /photos is listed at once; a video published through
 * /videos appears only once Facebook has processed it, which takes minutes for long files. No
 * documented bound: this allows for video processing.
 */
export const FACEBOOK_LOOKUP_LAG_MS = 10 * 60_000;

const pagesSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      access_token: z.string(),
      category: z.string().optional(),
      username: z.string().optional(),
      picture: z.object({ data: z.object({ url: z.string() }) }).optional(),
      tasks: z.array(z.string()).optional(),
    }),
  ),
});

const photoSchema = z.object({ id: z.string(), post_id: z.string().optional() });

const postSchema = z.object({ id: z.string(), permalink_url: z.string().optional() });

const countsSchema = z.object({
  shares: z.object({ count: z.number() }).optional(),
  reactions: z.object({ summary: z.object({ total_count: z.number() }) }).optional(),
  comments: z.object({ summary: z.object({ total_count: z.number() }) }).optional(),
});

const commentsSchema = z.object({
  data: z.array(z.object({ id: z.string(), message: z.string().default(""), created_time: z.string(), from: z.object({ name: z.string() }).optional() })),
});

const attachmentSchema = z.object({ media_type: z.string().optional(), subattachments: z.object({ data: z.array(z.unknown()) }).optional() });
const recentPostsSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      message: z.string().optional(),
      created_time: z.string().optional(),
      permalink_url: z.string().optional(),
      attachments: z.object({ data: z.array(attachmentSchema) }).optional(),
    }),
  ),
});
const recentVideosSchema = z.object({ data: z.array(z.object({ id: z.string(), description: z.string().optional(), created_time: z.string().optional() })) });

/** Photos a page post carries: an album counts its photos; links (a "share" preview) count none. */
function photoCount(post: z.output<typeof recentPostsSchema>["data"][number]): number {
  const attachment = post.attachments?.data[0];
  if (!attachment) return 0;
  if (attachment.media_type === "album") return attachment.subattachments?.data.length ?? 0;
  return attachment.media_type === "photo" ? 1 : 0;
}

/**
 * Facebook Pages through the Graph API. One connection yields one account per page the user
 * manages; each carries its page token, which does not expire when derived from a long-lived user
 * token (so there is nothing to refresh until the user revokes access or changes password).
 */
export function createFacebookAdapter(config: NetworkAdapterConfig): NetworkAdapter {
  const graph = createGraphApi("FACEBOOK", NAME, config);

  return {
    network: "FACEBOOK",
    displayName: NAME,
    rules: FACEBOOK_RULES,
    // The Pages API takes no idempotency key or client reference.
    supportsIdempotency: false,
    lookupLagMs: FACEBOOK_LOOKUP_LAG_MS,

    validate: (content) => [...validateAgainstRules(FACEBOOK_RULES, NAME, content), ...singleVideoIssues(NAME, content.media)],

    authorizationUrl: (request) => graph.authorizationUrl(request, FACEBOOK_SCOPES),

    async exchangeCode(exchange) {
      const tokens = await graph.exchangeCode(exchange);
      const pages = await graph.get("me/accounts", tokens.accessToken, { fields: "id,name,access_token,category,username,picture{url},tasks", limit: 100 }, pagesSchema);
      const profiles = pages.data
        // Publishing needs the CREATE_CONTENT task on the page.
        .filter((page) => !page.tasks || page.tasks.includes("CREATE_CONTENT"))
        .map((page) => ({
          externalId: page.id,
          name: page.name,
          handle: page.username ?? null,
          avatarUrl: page.picture?.data.url ?? null,
          metadata: { category: page.category ?? null },
          tokens: { accessToken: page.access_token, refreshToken: null, expiresAt: null, scopes: tokens.scopes },
        }));
      return { tokens, profiles };
    },

    refreshToken: (token) => renewGraphToken(graph, "FACEBOOK", NAME, token),

    async publish(auth, request) {
      const result = await publishToPage(graph, auth, request);
      const comment = await postFirstComment(firstComment(request), async (message) => (await graph.post(`${result.externalId}/comments`, auth.accessToken, { message }, idSchema)).id);
      return { ...result, ...comment };
    },

    async findPublished(auth, request, { createdAfter }) {
      const since = Math.floor(createdAfter.getTime() / 1000);
      const video = request.media.find((m) => m.kind === "VIDEO");
      if (video) {
        // Published through /videos: the video is the post we recorded, found by its description.
        const recent = await graph.get(`${auth.externalId}/videos`, auth.accessToken, { fields: "id,description,created_time", since, limit: 50 }, recentVideosSchema);
        const match = recent.data.find((v) => createdSince(v.created_time, createdAfter) && sameText(request.text, v.description ?? ""));
        return match ? foundPost({ externalId: match.id, url: `https://www.facebook.com/${auth.externalId}/videos/${match.id}` }) : NOT_VISIBLE;
      }
      const recent = await graph.get(
        `${auth.externalId}/posts`,
        auth.accessToken,
        { fields: "id,message,created_time,permalink_url,attachments{media_type,subattachments}", since, limit: 50 },
        recentPostsSchema,
      );
      const match = recent.data.find((post) => createdSince(post.created_time, createdAfter) && sameText(request.text, post.message ?? "") && photoCount(post) === request.media.length);
      return match ? foundPost({ externalId: match.id, url: match.permalink_url ?? postUrl(match.id) }) : NOT_VISIBLE;
    },

    async fetchPost(auth, externalId) {
      return unlessNotFound<RemotePost>(async () => {
        const post = await graph.get(externalId, auth.accessToken, { fields: "id,permalink_url" }, postSchema);
        return { live: true, url: post.permalink_url ?? postUrl(post.id) };
      }, { live: false });
    },

    deletePost: (auth, externalId) => unlessNotFound(() => graph.delete(externalId, auth.accessToken), undefined),

    async fetchMetrics(auth, externalId): Promise<PostMetrics> {
      // Page posts are "<page>_<post>"; a video published through /videos keeps its video id.
      // post_impressions* and page_impressions were removed on 2025-11-15: views are *_media_view.
      const isVideo = !externalId.includes("_");
      const insights = isVideo
        ? await graph.insights(`${externalId}/video_insights`, auth.accessToken, { metric: "total_video_views,total_video_views_unique" })
        : await graph.insights(`${externalId}/insights`, auth.accessToken, { metric: "post_media_view,post_total_media_view_unique,post_clicks" });
      const counts = await graph.get(
        externalId,
        auth.accessToken,
        { fields: isVideo ? "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)" : "shares,reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0)" },
        countsSchema,
      );
      return {
        ...emptyMetrics(),
        impressions: metric(insights, "post_media_view", "total_video_views"),
        reach: metric(insights, "post_total_media_view_unique", "total_video_views_unique"),
        clicks: metric(insights, "post_clicks"),
        likes: counts.reactions?.summary.total_count ?? 0,
        comments: counts.comments?.summary.total_count ?? 0,
        shares: counts.shares?.count ?? 0,
      };
    },

    async fetchAccountMetrics(auth) {
      const page = await graph.get(auth.externalId, auth.accessToken, { fields: "followers_count,fan_count" }, z.object({ followers_count: z.number().optional(), fan_count: z.number().optional() }));
      const insights = await graph.insights(`${auth.externalId}/insights`, auth.accessToken, { metric: "page_media_view,page_post_engagements", period: "days_28" });
      return {
        followers: page.followers_count ?? page.fan_count ?? 0,
        impressions: metric(insights, "page_media_view"),
        engagements: metric(insights, "page_post_engagements"),
      };
    },

    async fetchComments(auth, externalId) {
      const answer = await graph.get(`${externalId}/comments`, auth.accessToken, { fields: "id,message,from{name},created_time", limit: 100, order: "reverse_chronological" }, commentsSchema);
      return answer.data.map((c) => ({ id: c.id, author: c.from?.name ?? "", text: c.message, createdAt: new Date(c.created_time) }));
    },
  };
}

async function publishToPage(graph: GraphApi, auth: AccountAuth, request: PublishRequest): Promise<PublishResult> {
  const page = auth.externalId;
  const token = auth.accessToken;
  const video = request.media.find((m) => m.kind === "VIDEO");
  if (video) {
    const answer = await graph.post(`${page}/videos`, token, { file_url: video.url, description: request.text }, idSchema);
    return { externalId: answer.id, url: `https://www.facebook.com/${page}/videos/${answer.id}` };
  }
  const images = request.media.filter((m) => m.kind === "IMAGE");
  const [single] = images;
  if (single && images.length === 1) {
    const answer = await graph.post(`${page}/photos`, token, { url: single.url, caption: request.text, alt_text_custom: single.altText ?? undefined }, photoSchema);
    const id = answer.post_id ?? answer.id;
    return { externalId: id, url: postUrl(id) };
  }
  const attached: { media_fbid: string }[] = [];
  for (const image of images) {
    // Unpublished photos are attached to one feed post: the multi-photo post.
    const photo = await graph.post(`${page}/photos`, token, { url: image.url, published: false, alt_text_custom: image.altText ?? undefined }, photoSchema);
    attached.push({ media_fbid: photo.id });
  }
  const answer = await graph.post(`${page}/feed`, token, attached.length > 0 ? { message: request.text, attached_media: attached } : { message: request.text }, idSchema);
  return { externalId: answer.id, url: postUrl(answer.id) };
}

function postUrl(id: string): string {
  return `https://www.facebook.com/${id}`;
}
