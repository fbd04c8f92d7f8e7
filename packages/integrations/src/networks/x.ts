import { z } from "zod";
import { NetworkError, type ContentRules, type RemotePost, type NetworkAdapter, type PostContent, type PublishMedia, type PublishRequest, type ValidationIssue } from "../types";
import { validateAgainstRules } from "../validation";
import {
  afterPublish,
  postFirstComment,
  baseUrls,
  chunksOf,
  comparableText,
  createdSince,
  decodeHtmlEntities,
  firstComment,
  foundPost,
  NOT_VISIBLE,
  oauthTokenSchema,
  pollerFrom,
  pollUntil,
  refreshOrReconnect,
  singleVideoIssues,
  sleep,
  tokenSetFrom,
  unlessNotFound,
  type Poller,
} from "./common";
import { createHttpClient, isRecord, type ErrorContext, type ErrorDescription, type HttpClient, type NetworkAdapterConfig } from "./http";

const MB = 1024 * 1024;

export const X_RULES: ContentRules = {
  maxTextLength: 280,
  maxMedia: 4,
  requiresMedia: false,
  allowsMixedMedia: false,
  maxImageBytes: 5 * MB,
  maxVideoBytes: 512 * MB,
  maxVideoSeconds: 140,
  imageTypes: ["image/jpeg", "image/png", "image/webp", "image/gif"],
  videoTypes: ["video/mp4", "video/quicktime"],
  // Sent as a reply to the post.
  supportsFirstComment: true,
  supportsCarousel: true,
};

export const X_SCOPES = ["tweet.read", "tweet.write", "users.read", "offline.access", "media.write"] as const;

const NAME = "X";
const CHUNK_BYTES = 4 * MB;

/**
 * X's user timeline is eventually consistent: a new post has been seen to reach it seconds to
 * ~15 minutes late (linvi/tweetinvi#455, IBBoard/cawbird#147). X documents no bound.
 */
export const X_LOOKUP_LAG_MS = 15 * 60_000;

const DAY_SECONDS = 86_400;
/** Pages of the timeline read when looking for a lost post (100 posts each). */
const LOOKUP_PAGES = 3;

const problemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  /** usage-capped: which cap ran out (X's UsageCapExceededProblem). */
  period: z.string().optional(),
  errors: z.array(z.object({ message: z.string().optional(), detail: z.string().optional(), type: z.string().optional() })).optional(),
});

const userSchema = z.object({
  data: z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    profile_image_url: z.string().optional(),
    public_metrics: z.object({ followers_count: z.number() }).optional(),
  }),
});
const mediaInitSchema = z.object({ data: z.object({ id: z.string() }) });
const processingSchema = z
  .object({ state: z.string(), check_after_secs: z.number().optional(), error: z.object({ message: z.string().optional(), name: z.string().optional() }).optional() })
  .optional();
const mediaStateSchema = z.object({ data: z.object({ id: z.string().optional(), processing_info: processingSchema }) });
const tweetCreatedSchema = z.object({ data: z.object({ id: z.string() }) });
const publicMetricsSchema = z.object({
  retweet_count: z.number().default(0),
  reply_count: z.number().default(0),
  like_count: z.number().default(0),
  quote_count: z.number().default(0),
  impression_count: z.number().default(0),
});
const urlEntitySchema = z.object({ url: z.string(), expanded_url: z.string().optional(), media_key: z.string().optional() });
const tweetSchema = z.object({
  data: z.object({
    id: z.string(),
    text: z.string().optional(),
    author_id: z.string().optional(),
    created_at: z.string().optional(),
    entities: z.object({ urls: z.array(urlEntitySchema).optional() }).optional(),
    attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
    public_metrics: publicMetricsSchema.optional(),
    non_public_metrics: z.object({ impression_count: z.number().default(0), url_link_clicks: z.number().default(0), user_profile_clicks: z.number().default(0) }).optional(),
  }),
});
const timelineSchema = z.object({
  data: z.array(tweetSchema.shape.data).default([]),
  includes: z.object({ users: z.array(z.object({ id: z.string(), username: z.string() })).default([]) }).optional(),
  meta: z.object({ next_token: z.string().optional() }).optional(),
});
type TimelineTweet = z.output<typeof tweetSchema>["data"];

/** Each window X announces on a response: exhausted when its `remaining` is 0. */
const LIMIT_WINDOWS = [
  ["x-rate-limit-remaining", "x-rate-limit-reset"],
  ["x-user-limit-24hour-remaining", "x-user-limit-24hour-reset"],
  ["x-app-limit-24hour-remaining", "x-app-limit-24hour-reset"],
] as const;

/** Seconds until the last exhausted window reopens (posting resumes only when all have). */
function exhaustedWindowWait(headers: Headers, nowSeconds: number): number | undefined {
  const waits = LIMIT_WINDOWS.flatMap(([remaining, reset]) => {
    if (headers.get(remaining) !== "0") return [];
    const at = Number(headers.get(reset));
    return Number.isFinite(at) && at > nowSeconds ? [Math.ceil(at - nowSeconds)] : [];
  });
  return waits.length > 0 ? Math.max(...waits) : undefined;
}

export function interpretXError(context: ErrorContext, fallback: ErrorDescription): ErrorDescription {
  const parsed = problemSchema.safeParse(context.body);
  const problem = parsed.success ? parsed.data : undefined;
  const first = problem?.errors?.[0];
  const message = first?.message ?? first?.detail ?? problem?.detail ?? problem?.title ?? fallback.message;
  const nowSeconds = context.now.getTime() / 1000;
  if (problem?.type?.endsWith("/problems/usage-capped")) {
    // The project's (or account's) usage cap: nothing works until it resets. X names no reset for
    // the monthly cap (it follows the project's billing day), so look again in a day.
    return { code: "RATE_LIMITED", message, retryAfterSeconds: exhaustedWindowWait(context.headers, nowSeconds) ?? DAY_SECONDS };
  }
  if (fallback.code === "RATE_LIMITED") {
    // A 24-hour cap (per user or per app) waits for its own reset, not the 15-minute window's.
    return { ...fallback, message, retryAfterSeconds: exhaustedWindowWait(context.headers, nowSeconds) ?? fallback.retryAfterSeconds };
  }
  if (context.status === 403 && /duplicate content/i.test(message)) return { code: "DUPLICATE_CONTENT", message };
  return { ...fallback, message };
}

/** X's form of a post's text with its rewriting undone: t.co links expanded, the media link dropped, entities decoded. */
export function xTextAsSent(tweet: Pick<TimelineTweet, "text" | "entities">): string {
  let text = tweet.text ?? "";
  for (const entity of tweet.entities?.urls ?? []) {
    text = text.replace(entity.url, entity.media_key || !entity.expanded_url ? "" : entity.expanded_url);
  }
  return decodeHtmlEntities(text);
}

/** The attempt's post: same text once X's rewriting is undone, and the same number of media. */
function isSameXPost(request: PublishRequest, tweet: TimelineTweet): boolean {
  const media = tweet.attachments?.media_keys?.length ?? 0;
  return media === request.media.length && comparableText(xTextAsSent(tweet)) === comparableText(request.text);
}

/** X answers 200 with only `errors` for a missing or deleted post. */
function inspectXSuccess(context: ErrorContext): ErrorDescription | undefined {
  if (!isRecord(context.body) || "data" in context.body) return undefined;
  const parsed = problemSchema.safeParse(context.body);
  const first = parsed.success ? parsed.data.errors?.[0] : undefined;
  if (!first) return undefined;
  const message = first.detail ?? first.message ?? "X returned an error.";
  const gone = first.type?.endsWith("resource-not-found") || first.type?.endsWith("not-authorized-for-resource");
  return { code: gone ? "NOT_FOUND" : "INVALID_CONTENT", message };
}

/** X API v2 with OAuth 2.0 (authorization code + PKCE, confidential client). */
export function createXAdapter(config: NetworkAdapterConfig): NetworkAdapter {
  const http = createHttpClient({ network: "X", displayName: NAME, fetch: config.fetch, timeoutMs: config.timeoutMs, interpretError: interpretXError, inspectSuccess: inspectXSuccess, now: config.now });
  const { api, auth } = baseUrls(config, { api: "https://api.x.com", auth: "https://x.com" });
  const poller = pollerFrom(config, { intervalMs: 2000, attempts: 150 });
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`).toString("base64")}`;

  const tokenRequest = async (form: Record<string, string>) =>
    tokenSetFrom(await http.json({ method: "POST", url: `${api}/2/oauth2/token`, headers: { authorization: basic }, form: { ...form, client_id: config.clientId } }, oauthTokenSchema), new Date());

  const me = (token: string, fields: string) => http.json({ url: `${api}/2/users/me`, token, query: { "user.fields": fields } }, userSchema);

  const tweet = (token: string, body: Record<string, unknown>) => http.json({ method: "POST", url: `${api}/2/tweets`, token, json: body }, tweetCreatedSchema);

  return {
    network: "X",
    displayName: NAME,
    rules: X_RULES,
    // POST /2/tweets takes no idempotency key or client reference.
    supportsIdempotency: false,
    lookupLagMs: X_LOOKUP_LAG_MS,

    validate: (content) => [...validateAgainstRules(X_RULES, NAME, content), ...singleVideoIssues(NAME, content.media), ...weightedLengthIssues(content)],

    authorizationUrl(request) {
      const target = new URL(`${auth}/i/oauth2/authorize`);
      target.search = new URLSearchParams({
        response_type: "code",
        client_id: config.clientId,
        redirect_uri: request.redirectUri,
        scope: X_SCOPES.join(" "),
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: "S256",
      }).toString();
      return target.toString();
    },

    async exchangeCode(exchange) {
      const tokens = await tokenRequest({ grant_type: "authorization_code", code: exchange.code, redirect_uri: exchange.redirectUri, code_verifier: exchange.codeVerifier });
      const user = (await me(tokens.accessToken, "profile_image_url")).data;
      return { tokens, profiles: [{ externalId: user.id, name: user.name, handle: user.username, avatarUrl: user.profile_image_url ?? null, metadata: {} }] };
    },

    // X rotates refresh tokens: the answer carries a new one and the old one stops working.
    refreshToken: (refreshToken) => refreshOrReconnect("X", NAME, () => tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken })),

    async publish(account, request) {
      const mediaIds: string[] = [];
      for (const item of request.media) mediaIds.push(await uploadMedia(http, api, poller, account.accessToken, item));
      const created = await tweet(account.accessToken, { text: request.text, ...(mediaIds.length > 0 ? { media: { media_ids: mediaIds } } : {}) });
      const id = created.data.id;
      const comment = await postFirstComment(firstComment(request), async (text) => (await tweet(account.accessToken, { text, reply: { in_reply_to_tweet_id: id } })).data.id);
      return { externalId: id, url: postUrl(id), ...comment };
    },

    async findPublished(account, request, { createdAfter }) {
      const startTime = xTime(createdAfter);
      let paginationToken: string | undefined;
      for (let page = 0; page < LOOKUP_PAGES; page++) {
        const recent = await http.json(
          {
            url: `${api}/2/users/${account.externalId}/tweets`,
            token: account.accessToken,
            query: { max_results: 100, start_time: startTime, exclude: "replies,retweets", "tweet.fields": "created_at,entities,attachments", pagination_token: paginationToken },
          },
          timelineSchema,
        );
        const match = recent.data.find((t) => createdSince(t.created_at, createdAfter) && isSameXPost(request, t));
        if (match) return foundPost({ externalId: match.id, url: postUrl(match.id) });
        paginationToken = recent.meta?.next_token;
        if (!paginationToken) break;
      }
      // A timeline can only show what is there: absence proves nothing while it lags.
      return NOT_VISIBLE;
    },

    fetchPost: (account, id) =>
      unlessNotFound<RemotePost>(async () => {
        await http.json({ url: `${api}/2/tweets/${id}`, token: account.accessToken }, tweetSchema);
        return { live: true, url: postUrl(id) };
      }, { live: false }),

    deletePost: (account, id) =>
      unlessNotFound(async () => {
        await http.json({ method: "DELETE", url: `${api}/2/tweets/${id}`, token: account.accessToken }, z.object({ data: z.object({ deleted: z.boolean() }) }));
      }, undefined),

    async fetchMetrics(account, id) {
      const get = (fields: string) => http.json({ url: `${api}/2/tweets/${id}`, token: account.accessToken, query: { "tweet.fields": fields } }, tweetSchema);
      let data: z.output<typeof tweetSchema>["data"];
      try {
        data = (await get("public_metrics,non_public_metrics")).data;
      } catch (error) {
        // Private metrics exist only for the author's posts of the last 30 days.
        if (!(error instanceof NetworkError) || error.code !== "INVALID_CONTENT") throw error;
        data = (await get("public_metrics")).data;
      }
      const pub = data.public_metrics;
      const priv = data.non_public_metrics;
      return {
        impressions: priv?.impression_count ?? pub?.impression_count ?? 0,
        reach: 0,
        likes: pub?.like_count ?? 0,
        comments: pub?.reply_count ?? 0,
        shares: (pub?.retweet_count ?? 0) + (pub?.quote_count ?? 0),
        clicks: (priv?.url_link_clicks ?? 0) + (priv?.user_profile_clicks ?? 0),
      };
    },

    async fetchAccountMetrics(account) {
      const user = (await me(account.accessToken, "public_metrics")).data;
      // X has no account-level insights in v2: sum the posts of the last 28 days (up to 100).
      const since = xTime(new Date(Date.now() - 28 * 86_400_000));
      const recent = await http.json(
        { url: `${api}/2/users/${user.id}/tweets`, token: account.accessToken, query: { max_results: 100, start_time: since, "tweet.fields": "public_metrics", exclude: "retweets" } },
        timelineSchema,
      );
      let impressions = 0;
      let engagements = 0;
      for (const t of recent.data) {
        const m = t.public_metrics;
        if (!m) continue;
        impressions += m.impression_count;
        engagements += m.like_count + m.reply_count + m.retweet_count + m.quote_count;
      }
      return { followers: user.public_metrics?.followers_count ?? 0, impressions, engagements };
    },

    async fetchComments(account, id) {
      const replies = await http.json(
        {
          url: `${api}/2/tweets/search/recent`,
          token: account.accessToken,
          query: { query: `conversation_id:${id} is:reply`, max_results: 100, "tweet.fields": "author_id,created_at", expansions: "author_id", "user.fields": "username" },
        },
        timelineSchema,
      );
      const users = new Map((replies.includes?.users ?? []).map((u) => [u.id, u.username]));
      return replies.data.map((t) => ({ id: t.id, author: (t.author_id && users.get(t.author_id)) ?? t.author_id ?? "", text: t.text ?? "", createdAt: new Date(t.created_at ?? 0) }));
    },
  };
}

/** Chunked upload (initialize → append… → finalize → status until processed), for images and videos alike. */
async function uploadMedia(http: HttpClient, api: string, poller: Poller, token: string, media: PublishMedia): Promise<string> {
  const category = media.kind === "VIDEO" ? "tweet_video" : media.mimeType === "image/gif" ? "tweet_gif" : "tweet_image";
  const init = await http.json({ method: "POST", url: `${api}/2/media/upload/initialize`, token, json: { media_type: media.mimeType, total_bytes: media.sizeBytes, media_category: category } }, mediaInitSchema);
  const id = init.data.id;
  const download = await http.download(media.url);
  if (!download.body) throw new NetworkError("X", "TRANSIENT", `The media file ${media.url} could not be read.`);
  let segment = 0;
  for await (const chunk of chunksOf(download.body, CHUNK_BYTES)) {
    const form = new FormData();
    form.set("segment_index", String(segment++));
    form.set("media", new Blob([chunk], { type: "application/octet-stream" }), "chunk");
    await http.send({ method: "POST", url: `${api}/2/media/upload/${id}/append`, token, body: form }, z.unknown());
  }
  const finalized = await http.json({ method: "POST", url: `${api}/2/media/upload/${id}/finalize`, token }, mediaStateSchema);
  let processing = finalized.data.processing_info;
  await pollUntil(poller, "X", "X's media processing", async () => {
    if (!processing || processing.state === "succeeded") return true;
    if (processing.state === "failed") throw new NetworkError("X", "INVALID_CONTENT", processing.error?.message ?? "X could not process the media.");
    // X says when to look again.
    if (processing.check_after_secs) await sleep(Math.min(processing.check_after_secs * 1000, 30_000));
    processing = (await http.json({ url: `${api}/2/media/upload`, token, query: { media_id: id, command: "STATUS" } }, mediaStateSchema)).data.processing_info;
    return undefined;
  });
  if (media.altText) {
    const text = media.altText.slice(0, 1000);
    // Alt text is a courtesy: its failure must not block the post.
    await afterPublish(() => http.json({ method: "POST", url: `${api}/2/media/metadata`, token, json: { id, metadata: { alt_text: { text } } } }, z.unknown()));
  }
  return id;
}

function postUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

/** RFC 3339 to the second, as X's time filters take it; rounding down keeps a post of the same second. */
function xTime(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * X counts characters by weight (twitter-text v3): links are 23, CJK and emoji count double. The
 * generic check counts code points, so this catches posts that only X's counting makes too long.
 */
export function xWeightedLength(text: string): number {
  const withoutLinks = text.replace(/https?:\/\/\S+/g, "");
  const links = (text.match(/https?:\/\/\S+/g) ?? []).length;
  let length = links * 23;
  for (const char of withoutLinks) {
    const code = char.codePointAt(0) ?? 0;
    const light = code <= 4351 || (code >= 8192 && code <= 8205) || (code >= 8208 && code <= 8223) || (code >= 8242 && code <= 8247);
    length += light ? 1 : 2;
  }
  return length;
}

function weightedLengthIssues(content: PostContent): ValidationIssue[] {
  const plain = [...content.text].length;
  const weighted = xWeightedLength(content.text);
  if (plain <= X_RULES.maxTextLength && weighted > X_RULES.maxTextLength) {
    return [{ field: "text", severity: "error", message: `X counts this as ${weighted} characters (links count 23, CJK and emoji 2); the limit is ${X_RULES.maxTextLength}.` }];
  }
  return [];
}
