import { z } from "zod";
import { NetworkError, type AccountAuth, type ContentRules, type NetworkAdapter, type NetworkErrorCode, type PublishMedia, type PublishRequest, type PublishResult } from "../types";
import { validateAgainstRules } from "../validation";
import {
  baseUrls,
  chunksOf,
  createdSince,
  foundPost,
  lookupUnsupported,
  NOT_VISIBLE,
  oauthTokenSchema,
  pollerFrom,
  refreshOrReconnect,
  sameText,
  singleVideoIssues,
  sleep,
  tokenSetFrom,
} from "./common";
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
    max_video_post_duration_sec: z.number().optional(),
  }),
);
const initSchema = envelope(z.object({ publish_id: z.string() }));
const uploadInitSchema = envelope(z.object({ publish_id: z.string(), upload_url: z.string() }));
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
const videosSchema = envelope(z.object({ videos: z.array(videoSchema).default([]), cursor: z.number().optional(), has_more: z.boolean().optional() }));

/** Pages of the video list read when looking for a lost post (20 posts each). */
const LOOKUP_PAGES = 3;

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
 * What the user chose for one TikTok target. TikTok's rules forbid a default: the post carries the
 * user's own choice, which must be one of the creator's `privacy_level_options` at publish time.
 * (Carried on the publish request as `tiktok`; see docs/social-publishing.md.)
 */
export const tiktokPostSettingsSchema = z.object({ privacyLevel: z.string().trim().min(1).max(40) });
export type TikTokPostSettings = z.output<typeof tiktokPostSettingsSchema>;

/** The user's TikTok settings on a publish request, when the pipeline passed them. */
export function tiktokSettingsOf(request: PublishRequest): TikTokPostSettings | undefined {
  if (!("tiktok" in request)) return undefined;
  const parsed = tiktokPostSettingsSchema.safeParse(request.tiktok);
  return parsed.success ? parsed.data : undefined;
}

export interface TikTokAdapterConfig extends NetworkAdapterConfig {
  /**
   * URL prefixes verified for this app in TikTok's developer portal: PULL_FROM_URL (photos) only
   * takes URLs under one of them. Empty: not checked here (TikTok still checks).
   */
  verifiedUrlPrefixes?: readonly string[];
  /** Turns a stored media URL into one under a verified prefix (the app's own media route). */
  verifiedMediaUrl?: (url: string) => string;
  /** Bytes per FILE_UPLOAD chunk (TikTok: 5–64 MB; default 10 MB). */
  chunkBytes?: number;
}

/**
 * Moderation comes before a public post gets its id or shows in the creator's video list, and
 * TikTok says it "usually finishes within one minute" but "in some cases may take a few hours"
 * (Get Post Status reference): four hours covers that.
 */
export const TIKTOK_LOOKUP_LAG_MS = 4 * 3600_000;

/** TikTok's FILE_UPLOAD rules (Media Transfer Guide). */
const MIN_CHUNK_BYTES = 5 * MB;
const MAX_CHUNK_BYTES = 64 * MB;
const DEFAULT_CHUNK_BYTES = 10 * MB;

/**
 * How a video of `size` bytes is cut: chunks of `chunkBytes`, `floor(size / chunkBytes)` of them,
 * the last one also carrying the remainder (TikTok allows a final chunk up to 128 MB); a video up
 * to one chunk long goes whole (which also covers videos under 5 MB, which must go whole).
 */
export function tiktokChunkPlan(size: number, chunkBytes: number = DEFAULT_CHUNK_BYTES): { chunkSize: number; count: number } {
  const chunk = Math.min(Math.max(chunkBytes, MIN_CHUNK_BYTES), MAX_CHUNK_BYTES);
  if (size <= chunk) return { chunkSize: size, count: 1 };
  return { chunkSize: chunk, count: Math.floor(size / chunk) };
}

/**
 * TikTok's Content Posting API (Direct Post). Videos are sent as chunked FILE_UPLOAD (pulling
 * from a URL needs that URL's prefix verified for the app); photos are pulled from URLs under a
 * verified prefix — the app's own media route. TikTok publishes asynchronously: `publish` waits
 * for PUBLISH_COMPLETE within the poll budget, and otherwise returns the publish id (the post is
 * accepted, so failing would invite a double post); `fetchPost` resolves it later. TikTok offers
 * neither deletion nor comment reading to apps.
 */
export function createTikTokAdapter(config: TikTokAdapterConfig): NetworkAdapter {
  const http = createHttpClient({ network: "TIKTOK", displayName: NAME, fetch: config.fetch, timeoutMs: config.timeoutMs, interpretError: interpretTikTokError, inspectSuccess: inspectTikTokSuccess, now: config.now });
  const { api, auth } = baseUrls(config, { api: "https://open.tiktokapis.com", auth: "https://www.tiktok.com" });
  const poller = pollerFrom(config, { intervalMs: 5000, attempts: 24 });
  const prefixes = config.verifiedUrlPrefixes ?? [];

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

  /** A photo URL TikTok may pull: under a verified prefix, through the app's own media route if need be. */
  function pullableUrl(url: string): string {
    const mapped = config.verifiedMediaUrl ? config.verifiedMediaUrl(url) : url;
    if (prefixes.length > 0 && !prefixes.some((prefix) => mapped.startsWith(prefix))) {
      throw new NetworkError(
        "TIKTOK",
        "INVALID_CONTENT",
        `TikTok only pulls photos from URL prefixes verified for this app (${prefixes.join(", ")}); ${mapped} is not under one. Verify the media URL prefix in TikTok's developer portal (TIKTOK_VERIFIED_URL_PREFIXES).`,
      );
    }
    return mapped;
  }

  async function uploadVideo(uploadUrl: string, video: PublishMedia, plan: { chunkSize: number; count: number }): Promise<void> {
    const download = await http.download(video.url);
    if (!download.body) throw new NetworkError("TIKTOK", "TRANSIENT", `The media file ${video.url} could not be read.`);
    const wrongSize = () => new NetworkError("TIKTOK", "INVALID_CONTENT", `The video file is not the ${video.sizeBytes} bytes recorded for it; upload it again.`);
    let offset = 0;
    let index = 0;
    for await (const chunk of plannedChunks(download.body, plan)) {
      // TikTok refuses a chunk that is not the size announced at init: check before sending.
      const expected = index === plan.count - 1 ? video.sizeBytes - offset : plan.chunkSize;
      if (chunk.length !== expected) throw wrongSize();
      index++;
      // The upload URL is pre-signed: no bearer token goes to TikTok's upload host.
      await http.send(
        {
          method: "PUT",
          url: uploadUrl,
          headers: { "content-type": video.mimeType, "content-range": `bytes ${offset}-${offset + chunk.length - 1}/${video.sizeBytes}` },
          body: chunk,
        },
        z.unknown(),
      );
      offset += chunk.length;
    }
    if (offset !== video.sizeBytes) throw wrongSize();
  }

  return {
    network: "TIKTOK",
    displayName: NAME,
    rules: TIKTOK_RULES,
    // The Content Posting API takes no idempotency key or client reference.
    supportsIdempotency: false,
    lookupLagMs: TIKTOK_LOOKUP_LAG_MS,

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

    // Access tokens last 2 hours; refresh tokens rotate: the answer's refresh token replaces the
    // one sent, which stops working (so refreshes of one account must never run twice at once).
    refreshToken: (refreshToken) => refreshOrReconnect("TIKTOK", NAME, () => tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken })),

    async publish(account, request) {
      const publishId = await initPost(account, request);
      return waitForPost(poller, publishId, (id) => status(account.accessToken, id));
    },

    async findPublished(account, request, { createdAfter }) {
      // The video list shows public posts only: a private post's outcome cannot be looked up.
      if (tiktokSettingsOf(request)?.privacyLevel !== "PUBLIC_TO_EVERYONE") return lookupUnsupported("TikTok lists only public posts, so a post that is not public to everyone cannot be looked up.");
      let cursor: number | undefined;
      for (let page = 0; page < LOOKUP_PAGES; page++) {
        const recent = await post(account.accessToken, "/v2/video/list/", { max_count: 20, ...(cursor ? { cursor } : {}) }, videosSchema, "id,title,video_description,share_url,create_time");
        const videos = recent.data.data.videos;
        const match = videos.find((v) => v.create_time !== undefined && createdSince(v.create_time * 1000, createdAfter) && (sameText(request.text, v.title ?? "") || sameText(request.text, v.video_description ?? "")));
        if (match) return foundPost({ externalId: match.id, url: match.share_url ?? null });
        const oldest = videos.at(-1)?.create_time;
        // The list is newest first: once it reaches posts older than the attempt, stop.
        if (!recent.data.data.has_more || oldest === undefined || oldest * 1000 < createdAfter.getTime()) break;
        cursor = recent.data.data.cursor;
      }
      return NOT_VISIBLE;
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
    const settings = tiktokSettingsOf(request);
    if (!settings) {
      throw new NetworkError("TIKTOK", "INVALID_CONTENT", "Choose who can see this TikTok post (TikTok requires the choice to be yours; there is no default), then publish again.");
    }
    const video = request.media.find((m) => m.kind === "VIDEO");
    // Refused before TikTok is asked anything: a photo under no verified prefix cannot be pulled.
    const photoUrls = video ? [] : request.media.map((m) => pullableUrl(m.url));
    const creator = (await post(account.accessToken, "/v2/post/publish/creator_info/query/", {}, creatorSchema)).data.data;
    if (!creator.privacy_level_options.includes(settings.privacyLevel)) {
      throw new NetworkError(
        "TIKTOK",
        "INVALID_CONTENT",
        `TikTok does not offer "${settings.privacyLevel}" for this account now; it allows ${creator.privacy_level_options.join(", ") || "nothing"}. Edit the post and choose again.`,
      );
    }
    if (video) {
      if (creator.max_video_post_duration_sec && video.durationSeconds && video.durationSeconds > creator.max_video_post_duration_sec) {
        throw new NetworkError("TIKTOK", "INVALID_CONTENT", `This account may post videos of up to ${creator.max_video_post_duration_sec} s on TikTok; this one is ${Math.round(video.durationSeconds)} s.`);
      }
      const plan = tiktokChunkPlan(video.sizeBytes, config.chunkBytes);
      const answer = await post(
        account.accessToken,
        "/v2/post/publish/video/init/",
        {
          post_info: { title: request.text, privacy_level: settings.privacyLevel, disable_comment: creator.comment_disabled, disable_duet: creator.duet_disabled, disable_stitch: creator.stitch_disabled },
          source_info: { source: "FILE_UPLOAD", video_size: video.sizeBytes, chunk_size: plan.chunkSize, total_chunk_count: plan.count },
        },
        uploadInitSchema,
      );
      await uploadVideo(answer.data.data.upload_url, video, plan);
      return answer.data.data.publish_id;
    }
    const answer = await post(
      account.accessToken,
      "/v2/post/publish/content/init/",
      {
        post_info: { description: request.text, privacy_level: settings.privacyLevel, disable_comment: creator.comment_disabled, auto_add_music: true },
        source_info: { source: "PULL_FROM_URL", photo_cover_index: 0, photo_images: photoUrls },
        post_mode: "DIRECT_POST",
        media_type: "PHOTO",
      },
      initSchema,
    );
    return answer.data.data.publish_id;
  }
}

/** Yields `plan.count` chunks: all of `plan.chunkSize` bytes but the last, which takes the rest. */
async function* plannedChunks(stream: ReadableStream<Uint8Array>, plan: { chunkSize: number; count: number }): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let index = 0;
  const tail: Uint8Array[] = [];
  for await (const block of chunksOf(stream, plan.chunkSize)) {
    if (index < plan.count - 1) {
      index++;
      yield block;
    } else {
      tail.push(block);
    }
  }
  const size = tail.reduce((sum, part) => sum + part.length, 0);
  const last = new Uint8Array(size);
  let at = 0;
  for (const part of tail) {
    last.set(part, at);
    at += part.length;
  }
  if (size > 0) yield last;
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
