import { z } from "zod";
import { NetworkError, type AccountAuth, type ContentRules, type NetworkAdapter, type NetworkErrorCode, type PublishRequest, type PublishResult } from "../types";
import { validateAgainstRules } from "../validation";
import { baseUrls, oauthTokenSchema, pollerFrom, refreshOrReconnect, sameText, singleVideoIssues, sleep, tokenSetFrom } from "./common";
import { createHttpClient, isRecord, type ErrorContext, type ErrorDescription, type NetworkAdapterConfig } from "./http";

const MB = 1024 * 1024;

export const TIKTOK_RULES: ContentRules = {
  maxTextLength: 2200,
  // Photo posts take up to 35 images; a video post is one video.
  maxMedia: 35,
  requiresMedia: true,
  allowsMixedMedia: false,
  maxImageBytes: 20 * MB,
  maxVideoBytes: 4 * 1024 * MB,
  maxVideoSeconds: 10 * 60,
  // No PNG for photo posts.
  imageTypes: ["image/jpeg", "image/webp"],
  videoTypes: ["video/mp4", "video/webm", "video/quicktime"],
  supportsFirstComment: false,
  supportsCarousel: true,
};

export const TIKTOK_SCOPES = ["user.info.basic", "user.info.profile", "user.info.stats", "video.publish", "video.list"] as const;

const NAME = "TikTok";

const AUTH_CODES = new Set(["access_token_invalid", "scope_not_authorized", "scope_permission_missed", "invalid_grant"]);
const QUOTA_CODES = new Set(["spam_risk_too_many_posts", "spam_risk_too_many_pending_share", "reached_active_user_cap"]);

const envelope = <T extends z.ZodType>(data: T) => z.object({ data, error: z.object({ code: z.string(), message: z.string().optional() }).optional() });

const userSchema = envelope(
  z.object({
    user: z.object({
      open_id: z.string().optional(),
      display_name: z.string().optional(),
      username: z.string().optional(),
      avatar_url: z.string().optional(),
      follower_count: z.number().optional(),
    }),
  }),
);
const creatorSchema = envelope(
  z.object({
    privacy_level_options: z.array(z.string()),
    comment_disabled: z.boolean().default(false),
    duet_disabled: z.boolean().default(false),
    stitch_disabled: z.boolean().default(false),
  }),
);
const initSchema = envelope(z.object({ publish_id: z.string() }));
const statusSchema = envelope(z.object({ status: z.string(), fail_reason: z.string().optional() }));
const videoSchema = z.object({
  id: z.coerce.string(),
  title: z.string().optional(),
  video_description: z.string().optional(),
  share_url: z.string().optional(),
  create_time: z.number().optional(),
  view_count: z.number().default(0),
  like_count: z.number().default(0),
  comment_count: z.number().default(0),
  share_count: z.number().default(0),
});
const videosSchema = envelope(z.object({ videos: z.array(videoSchema).default([]) }));

function describe(code: string, message: string | undefined, fallback: ErrorDescription): ErrorDescription {
  const text = message && message !== "" ? message : code;
  let mapped: NetworkErrorCode;
  if (AUTH_CODES.has(code)) mapped = "AUTH_EXPIRED";
  else if (code === "rate_limit_exceeded") return { code: "RATE_LIMITED", message: text, retryAfterSeconds: fallback.retryAfterSeconds ?? 60 };
  else if (QUOTA_CODES.has(code)) return { code: "RATE_LIMITED", message: text, retryAfterSeconds: 3600 };
  else if (code === "internal_error") mapped = "TRANSIENT";
  else mapped = fallback.code === "UNKNOWN" || fallback.code === "NOT_FOUND" ? "INVALID_CONTENT" : fallback.code;
  return { code: mapped, message: text };
}

/** `{ error: { code, message, log_id } }` on the content APIs, `{ error, error_description }` on OAuth. */
export function interpretTikTokError(context: ErrorContext, fallback: ErrorDescription): ErrorDescription {
  const body = context.body;
  if (!isRecord(body)) return fallback;
  if (isRecord(body.error) && typeof body.error.code === "string") return describe(body.error.code, typeof body.error.message === "string" ? body.error.message : undefined, fallback);
  if (typeof body.error === "string") return describe(body.error, typeof body.error_description === "string" ? body.error_description : undefined, fallback);
  return fallback;
}

function inspectTikTokSuccess(context: ErrorContext): ErrorDescription | undefined {
  const body = context.body;
  if (!isRecord(body)) return undefined;
  const fallback: ErrorDescription = { code: "UNKNOWN", message: "" };
  if (isRecord(body.error) && typeof body.error.code === "string" && body.error.code !== "ok") {
    return describe(body.error.code, typeof body.error.message === "string" ? body.error.message : undefined, fallback);
  }
  if (typeof body.error === "string" && body.error !== "") {
    return describe(body.error, typeof body.error_description === "string" ? body.error_description : undefined, fallback);
  }
  return undefined;
}

/**
 * TikTok's Content Posting API (Direct Post). TikTok pulls the media from its public URL and
 * publishes asynchronously: `publish` waits for PUBLISH_COMPLETE within the poll budget, and
 * otherwise returns the publish id (the post is accepted, so failing would invite a double post);
 * `fetchPost` resolves it later. TikTok offers neither deletion nor comment reading to apps.
 */
export function createTikTokAdapter(config: NetworkAdapterConfig): NetworkAdapter {
  const http = createHttpClient({ network: "TIKTOK", displayName: NAME, fetch: config.fetch, timeoutMs: config.timeoutMs, interpretError: interpretTikTokError, inspectSuccess: inspectTikTokSuccess });
  const { api, auth } = baseUrls(config, { api: "https://open.tiktokapis.com", auth: "https://www.tiktok.com" });
  const poller = pollerFrom(config, { intervalMs: 5000, attempts: 24 });

  const tokenRequest = async (form: Record<string, string>) =>
    tokenSetFrom(await http.json({ method: "POST", url: `${api}/v2/oauth/token/`, form: { ...form, client_key: config.clientId, client_secret: config.clientSecret } }, oauthTokenSchema), new Date(), /,/);

  const post = <S extends z.ZodType>(token: string, path: string, body: unknown, schema: S, fields?: string) =>
    http.send({ method: "POST", url: `${api}${path}`, token, query: { fields }, headers: { "content-type": "application/json; charset=UTF-8" }, body: JSON.stringify(body) }, schema);

  async function status(token: string, publishId: string): Promise<{ status: string; failReason?: string; postIds: string[] }> {
    const answer = await post(token, "/v2/post/publish/status/fetch/", { publish_id: publishId }, statusSchema);
    return { status: answer.data.data.status, failReason: answer.data.data.fail_reason, postIds: postIdsFrom(answer.text) };
  }

  /** A publish id becomes a post id once TikTok has published it (and the post is public). */
  async function resolve(account: AccountAuth, externalId: string): Promise<{ videoId?: string; state?: string }> {
    if (/^\d+$/.test(externalId)) return { videoId: externalId };
    const current = await status(account.accessToken, externalId);
    return { videoId: current.postIds[0], state: current.status };
  }

  async function queryVideo(account: AccountAuth, videoId: string) {
    const answer = await post(account.accessToken, "/v2/video/query/", { filters: { video_ids: [videoId] } }, videosSchema, "id,share_url,view_count,like_count,comment_count,share_count");
    return answer.data.data.videos[0];
  }

  return {
    network: "TIKTOK",
    displayName: NAME,
    rules: TIKTOK_RULES,
    supportsIdempotency: false,

    validate: (content) => [...validateAgainstRules(TIKTOK_RULES, NAME, content), ...singleVideoIssues(NAME, content.media)],

    authorizationUrl(request) {
      const target = new URL(`${auth}/v2/auth/authorize/`);
      // PKCE is for TikTok's desktop/mobile kits; the web flow authenticates with the client secret.
      target.search = new URLSearchParams({ client_key: config.clientId, scope: TIKTOK_SCOPES.join(","), response_type: "code", redirect_uri: request.redirectUri, state: request.state }).toString();
      return target.toString();
    },

    async exchangeCode(exchange) {
      const tokens = await tokenRequest({ grant_type: "authorization_code", code: exchange.code, redirect_uri: exchange.redirectUri });
      const user = (await http.json({ url: `${api}/v2/user/info/`, token: tokens.accessToken, query: { fields: "open_id,display_name,username,avatar_url" } }, userSchema)).data.user;
      const openId = user.open_id;
      if (!openId) throw new NetworkError("TIKTOK", "UNKNOWN", "TikTok did not return the account's open_id.");
      return { tokens, profiles: [{ externalId: openId, name: user.display_name ?? user.username ?? openId, handle: user.username ?? null, avatarUrl: user.avatar_url ?? null, metadata: {} }] };
    },

    refreshToken: (refreshToken) => refreshOrReconnect("TIKTOK", NAME, () => tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken })),

    async publish(account, request) {
      const publishId = await initPost(account, request);
      return waitForPost(poller, publishId, (id) => status(account.accessToken, id));
    },

    async findPublished(account, request) {
      if (request.text.trim() === "") return undefined;
      const recent = await post(account.accessToken, "/v2/video/list/", { max_count: 20 }, videosSchema, "id,title,video_description,share_url");
      const match = recent.data.data.videos.find((v) => sameText(request.text, v.title) || sameText(request.text, v.video_description));
      // Not listed yet does not mean not posted: TikTok publishes asynchronously.
      return match ? { externalId: match.id, url: match.share_url ?? null } : undefined;
    },

    async fetchPost(account, externalId) {
      const { videoId, state } = await resolve(account, externalId);
      if (!videoId) return { live: state === "PUBLISH_COMPLETE" };
      const video = await queryVideo(account, videoId);
      return video ? { live: true, url: video.share_url ?? null } : { live: false };
    },

    async deletePost() {
      throw new NetworkError("TIKTOK", "UNKNOWN", "TikTok does not let apps delete posts; delete it in the TikTok app.", { retryable: false });
    },

    async fetchMetrics(account, externalId) {
      const { videoId } = await resolve(account, externalId);
      const video = videoId ? await queryVideo(account, videoId) : undefined;
      // TikTok reports views, not reach or clicks.
      return { impressions: video?.view_count ?? 0, reach: 0, likes: video?.like_count ?? 0, comments: video?.comment_count ?? 0, shares: video?.share_count ?? 0, clicks: 0 };
    },

    async fetchAccountMetrics(account) {
      const user = (await http.json({ url: `${api}/v2/user/info/`, token: account.accessToken, query: { fields: "open_id,follower_count" } }, userSchema)).data.user;
      const recent = await post(account.accessToken, "/v2/video/list/", { max_count: 20 }, videosSchema, "id,create_time,view_count,like_count,comment_count,share_count");
      const since = Date.now() / 1000 - 28 * 86_400;
      let impressions = 0;
      let engagements = 0;
      for (const v of recent.data.data.videos) {
        if (v.create_time !== undefined && v.create_time < since) continue;
        impressions += v.view_count;
        engagements += v.like_count + v.comment_count + v.share_count;
      }
      return { followers: user.follower_count ?? 0, impressions, engagements };
    },

    // The Display and Content Posting APIs expose no comment listing.
    fetchComments: async () => [],
  };

  async function initPost(account: AccountAuth, request: PublishRequest): Promise<string> {
    const creator = (await post(account.accessToken, "/v2/post/publish/creator_info/query/", {}, creatorSchema)).data.data;
    const privacy = choosePrivacy(account, creator.privacy_level_options);
    const video = request.media.find((m) => m.kind === "VIDEO");
    if (video) {
      const answer = await post(
        account.accessToken,
        "/v2/post/publish/video/init/",
        {
          post_info: { title: request.text, privacy_level: privacy, disable_comment: creator.comment_disabled, disable_duet: creator.duet_disabled, disable_stitch: creator.stitch_disabled },
          source_info: { source: "PULL_FROM_URL", video_url: video.url },
        },
        initSchema,
      );
      return answer.data.data.publish_id;
    }
    const answer = await post(
      account.accessToken,
      "/v2/post/publish/content/init/",
      {
        post_info: { description: request.text, privacy_level: privacy, disable_comment: creator.comment_disabled, auto_add_music: true },
        source_info: { source: "PULL_FROM_URL", photo_cover_index: 0, photo_images: request.media.map((m) => m.url) },
        post_mode: "DIRECT_POST",
        media_type: "PHOTO",
      },
      initSchema,
    );
    return answer.data.data.publish_id;
  }
}

/** The account's chosen level (metadata.privacyLevel) if the creator allows it, else public, else the first allowed. */
function choosePrivacy(account: AccountAuth, options: string[]): string {
  const wanted = typeof account.metadata.privacyLevel === "string" ? account.metadata.privacyLevel : undefined;
  if (wanted && options.includes(wanted)) return wanted;
  if (options.includes("PUBLIC_TO_EVERYONE")) return "PUBLIC_TO_EVERYONE";
  const [first] = options;
  if (!first) throw new NetworkError("TIKTOK", "INVALID_CONTENT", "TikTok offers this account no privacy level to post with.");
  return first;
}

async function waitForPost(
  poller: { intervalMs: number; attempts: number },
  publishId: string,
  check: (id: string) => Promise<{ status: string; failReason?: string; postIds: string[] }>,
): Promise<PublishResult> {
  for (let attempt = 0; attempt < poller.attempts; attempt++) {
    const current = await check(publishId);
    if (current.status === "FAILED") {
      // Nothing was published: the reason (e.g. file_format_check_failed) is TikTok's own.
      throw new NetworkError("TIKTOK", current.failReason === "internal" ? "TRANSIENT" : "INVALID_CONTENT", current.failReason ?? "TikTok could not publish the post.");
    }
    if (current.status === "PUBLISH_COMPLETE") {
      const [postId] = current.postIds;
      return postId ? { externalId: postId, url: null } : { externalId: publishId, url: null };
    }
    await sleep(poller.intervalMs);
  }
  return { externalId: publishId, url: null };
}

/** `publicaly_available_post_id` (sic) holds int64 numbers: read them as text, never as JS numbers. */
export function postIdsFrom(text: string): string[] {
  const match = /"publicaly_available_post_id"\s*:\s*\[([^\]]*)\]/.exec(text);
  if (!match?.[1]) return [];
  return match[1]
    .split(",")
    .map((part) => part.trim().replace(/^"|"$/g, ""))
    .filter((part) => /^\d+$/.test(part));
}
