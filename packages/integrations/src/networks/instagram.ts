import { z } from "zod";
import { NetworkError, type ContentRules, type RemotePost, type NetworkAdapter, type PublishMedia, type PublishRequest } from "../types";
import { validateAgainstRules } from "../validation";
import { afterPublish, createdSince, foundPost, NOT_VISIBLE, postFirstComment, firstComment, hashtagIssues, pollerFrom, pollUntil, sameText, unlessNotFound, type Poller } from "./common";
import { createGraphApi, emptyMetrics, graphErrorOf, idSchema, isGraphPermissionCode, metric, renewGraphToken, type GraphApi } from "./graph";
import type { NetworkAdapterConfig } from "./http";

const MB = 1024 * 1024;

export const INSTAGRAM_RULES: ContentRules = {
  maxTextLength: 2200,
  maxMedia: 10,
  requiresMedia: true,
  allowsMixedMedia: true,
  maxImageBytes: 8 * MB,
  maxVideoBytes: 300 * MB,
  maxVideoSeconds: 15 * 60,
  // The Content Publishing API takes JPEG only.
  imageTypes: ["image/jpeg"],
  videoTypes: ["video/mp4", "video/quicktime"],
  supportsFirstComment: true,
  supportsCarousel: true,
};

export const INSTAGRAM_SCOPES = [
  "instagram_basic",
  "instagram_content_publish",
  // DELETE /{ig-media-id} (Facebook Login accounts only).
  "instagram_manage_contents",
  "instagram_manage_comments",
  "instagram_manage_insights",
  "pages_show_list",
  "pages_read_engagement",
  "business_management",
] as const;

const NAME = "Instagram";
const MAX_HASHTAGS = 30;

/**
 * media_publish answers once the media is live, and /{ig-user}/media lists it right after; the
 * window allows for Meta's read replicas. No documented bound.
 */
export const INSTAGRAM_LOOKUP_LAG_MS = 5 * 60_000;

const pagesSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      access_token: z.string(),
      instagram_business_account: z
        .object({ id: z.string(), username: z.string().optional(), name: z.string().optional(), profile_picture_url: z.string().optional() })
        .optional(),
    }),
  ),
});

const containerStatusSchema = z.object({ status_code: z.enum(["EXPIRED", "ERROR", "FINISHED", "IN_PROGRESS", "PUBLISHED"]), status: z.string().optional() });

const mediaSchema = z.object({ id: z.string(), permalink: z.string().optional() });

const commentsSchema = z.object({
  data: z.array(z.object({ id: z.string(), text: z.string().default(""), username: z.string().optional(), timestamp: z.string() })),
});

const recentMediaSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      caption: z.string().optional(),
      permalink: z.string().optional(),
      timestamp: z.string().optional(),
      media_type: z.string().optional(),
      children: z.object({ data: z.array(z.unknown()) }).optional(),
    }),
  ),
});

/** The attempt's post: the same caption and the same number of items (a carousel counts its children). */
function isSameMedia(request: PublishRequest, media: z.output<typeof recentMediaSchema>["data"][number]): boolean {
  const items = media.media_type === "CAROUSEL_ALBUM" ? (media.children?.data.length ?? 0) : 1;
  return items === request.media.length && sameText(request.text, media.caption ?? "");
}

/**
 * Instagram professional accounts through the Graph API (Facebook Login): each Facebook page with
 * a linked Instagram account yields one account, acting with that page's token. Publishing is
 * container → (carousel container) → wait until FINISHED → media_publish.
 */
export function createInstagramAdapter(config: NetworkAdapterConfig): NetworkAdapter {
  const graph = createGraphApi("INSTAGRAM", NAME, config);
  const poller = pollerFrom(config);

  return {
    network: "INSTAGRAM",
    displayName: NAME,
    rules: INSTAGRAM_RULES,
    // The Content Publishing API takes no idempotency key or client reference.
    supportsIdempotency: false,
    lookupLagMs: INSTAGRAM_LOOKUP_LAG_MS,

    validate: (content) => [...validateAgainstRules(INSTAGRAM_RULES, NAME, content), ...hashtagIssues(NAME, content, MAX_HASHTAGS)],

    authorizationUrl: (request) => graph.authorizationUrl(request, INSTAGRAM_SCOPES),

    async exchangeCode(exchange) {
      const tokens = await graph.exchangeCode(exchange);
      const pages = await graph.get("me/accounts", tokens.accessToken, { fields: "id,name,access_token,instagram_business_account{id,username,name,profile_picture_url}", limit: 100 }, pagesSchema);
      const profiles = pages.data.flatMap((page) => {
        const ig = page.instagram_business_account;
        if (!ig) return [];
        return [
          {
            externalId: ig.id,
            name: ig.name ?? ig.username ?? page.name,
            handle: ig.username ?? null,
            avatarUrl: ig.profile_picture_url ?? null,
            metadata: { pageId: page.id, pageName: page.name },
            tokens: { accessToken: page.access_token, refreshToken: null, expiresAt: null, scopes: tokens.scopes },
          },
        ];
      });
      return { tokens, profiles };
    },

    refreshToken: (token) => renewGraphToken(graph, "INSTAGRAM", NAME, token),

    async publish(auth, request) {
      const [single] = request.media;
      if (!single) throw new NetworkError("INSTAGRAM", "INVALID_CONTENT", "Instagram needs at least one image or video.");
      const user = auth.externalId;
      const token = auth.accessToken;
      let containerId: string;
      if (request.media.length === 1) {
        containerId = await createContainer(graph, user, token, single, { caption: request.text });
      } else {
        const children: string[] = [];
        for (const item of request.media) children.push(await createContainer(graph, user, token, item, { is_carousel_item: true }));
        for (const child of children) await waitUntilFinished(graph, poller, token, child);
        containerId = (await graph.post(`${user}/media`, token, { media_type: "CAROUSEL", children: children.join(","), caption: request.text }, idSchema)).id;
      }
      await waitUntilFinished(graph, poller, token, containerId);
      const published = await graph.post(`${user}/media_publish`, token, { creation_id: containerId }, idSchema);
      const permalink = await afterPublish(async () => (await graph.get(published.id, token, { fields: "id,permalink" }, mediaSchema)).permalink ?? null);
      const comment = await postFirstComment(firstComment(request), async (message) => (await graph.post(`${published.id}/comments`, token, { message }, idSchema)).id);
      return { externalId: published.id, url: permalink, ...comment };
    },

    async findPublished(auth, request, { createdAfter }) {
      const recent = await graph.get(
        `${auth.externalId}/media`,
        auth.accessToken,
        { fields: "id,caption,permalink,timestamp,media_type,children{id}", since: Math.floor(createdAfter.getTime() / 1000), limit: 50 },
        recentMediaSchema,
      );
      const match = recent.data.find((media) => createdSince(media.timestamp, createdAfter) && isSameMedia(request, media));
      return match ? foundPost({ externalId: match.id, url: match.permalink ?? null }) : NOT_VISIBLE;
    },

    fetchPost: (auth, externalId) =>
      unlessNotFound<RemotePost>(async () => {
        const media = await graph.get(externalId, auth.accessToken, { fields: "id,permalink" }, mediaSchema);
        return { live: true, url: media.permalink ?? null };
      }, { live: false }),

    async deletePost(auth, externalId) {
      try {
        await unlessNotFound(() => graph.delete(externalId, auth.accessToken), undefined);
      } catch (error) {
        // Accounts connected before the app asked for instagram_manage_contents cannot delete.
        if (error instanceof NetworkError && isGraphPermissionCode(graphErrorOf(error)?.code)) {
          throw new NetworkError("INSTAGRAM", "INVALID_CONTENT", `${error.message} — deleting Instagram posts needs the instagram_manage_contents permission: reconnect the account and allow it.`, {
            status: error.status,
            cause: error,
          });
        }
        throw error;
      }
    },

    async fetchMetrics(auth, externalId) {
      const insights = await graph.insights(`${externalId}/insights`, auth.accessToken, { metric: "views,reach,likes,comments,shares,saved" });
      return {
        ...emptyMetrics(),
        impressions: metric(insights, "views"),
        reach: metric(insights, "reach"),
        likes: metric(insights, "likes"),
        comments: metric(insights, "comments"),
        shares: metric(insights, "shares"),
      };
    },

    async fetchAccountMetrics(auth) {
      const account = await graph.get(auth.externalId, auth.accessToken, { fields: "followers_count" }, z.object({ followers_count: z.number().default(0) }));
      const until = Math.floor(Date.now() / 1000);
      // Totals over the last 28 days (the API allows at most 30 per call), like Facebook's days_28.
      const insights = await graph.insights(`${auth.externalId}/insights`, auth.accessToken, {
        metric: "views,total_interactions",
        period: "day",
        metric_type: "total_value",
        since: until - 28 * 86_400,
        until,
      });
      return { followers: account.followers_count, impressions: metric(insights, "views"), engagements: metric(insights, "total_interactions") };
    },

    async fetchComments(auth, externalId) {
      const answer = await graph.get(`${externalId}/comments`, auth.accessToken, { fields: "id,text,username,timestamp", limit: 100 }, commentsSchema);
      return answer.data.map((c) => ({ id: c.id, author: c.username ?? "", text: c.text, createdAt: new Date(c.timestamp) }));
    },
  };
}

async function createContainer(graph: GraphApi, user: string, token: string, media: PublishMedia, extra: Record<string, unknown>): Promise<string> {
  const carouselItem = extra.is_carousel_item === true;
  const fields =
    media.kind === "IMAGE"
      ? { image_url: media.url, alt_text: media.altText ?? undefined }
      : // A single video is published as a reel; inside a carousel it is a plain VIDEO item.
        { media_type: carouselItem ? "VIDEO" : "REELS", video_url: media.url, ...(carouselItem ? {} : { share_to_feed: true }) };
  return (await graph.post(`${user}/media`, token, { ...fields, ...extra }, idSchema)).id;
}

async function waitUntilFinished(graph: GraphApi, poller: Poller, token: string, containerId: string): Promise<void> {
  await pollUntil(poller, "INSTAGRAM", "Instagram's media container", async () => {
    const state = await graph.get(containerId, token, { fields: "status_code,status" }, containerStatusSchema);
    if (state.status_code === "FINISHED" || state.status_code === "PUBLISHED") return true;
    if (state.status_code === "ERROR" || state.status_code === "EXPIRED") {
      throw new NetworkError("INSTAGRAM", "INVALID_CONTENT", state.status ?? `Instagram could not process the media (${state.status_code}).`);
    }
    return undefined;
  });
}
