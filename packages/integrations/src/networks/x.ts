import { z } from "zod";
import { NetworkError, type ContentRules, type RemotePost, type NetworkAdapter, type PostContent, type PublishMedia, type ValidationIssue } from "../types";
import { validateAgainstRules } from "../validation";
import { afterPublish, postFirstComment, baseUrls, chunksOf, firstComment, oauthTokenSchema, pollerFrom, pollUntil, refreshOrReconnect, sameText, singleVideoIssues, sleep, tokenSetFrom, unlessNotFound, type Poller } from "./common";
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

const problemSchema = z.object({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
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
const tweetSchema = z.object({
  data: z.object({
    id: z.string(),
    text: z.string().optional(),
    author_id: z.string().optional(),
    created_at: z.string().optional(),
    public_metrics: publicMetricsSchema.optional(),
    non_public_metrics: z.object({ impression_count: z.number().default(0), url_link_clicks: z.number().default(0), user_profile_clicks: z.number().default(0) }).optional(),
  }),
});
const timelineSchema = z.object({
  data: z.array(tweetSchema.shape.data).default([]),
  includes: z.object({ users: z.array(z.object({ id: z.string(), username: z.string() })).default([]) }).optional(),
});

export function interpretXError(context: ErrorContext, fallback: ErrorDescription): ErrorDescription {
  const parsed = problemSchema.safeParse(context.body);
  const first = parsed.success ? parsed.data.errors?.[0] : undefined;
  const message = first?.message ?? first?.detail ?? (parsed.success ? (parsed.data.detail ?? parsed.data.title) : undefined) ?? fallback.message;
  if (fallback.code === "RATE_LIMITED" && context.headers.get("x-user-limit-24hour-remaining") === "0") {
    // The per-user daily posting cap: wait for its own reset, not the 15-minute window.
    const reset = Number(context.headers.get("x-user-limit-24hour-reset"));
    const seconds = Number.isFinite(reset) ? Math.ceil(reset - Date.now() / 1000) : undefined;
    return { ...fallback, message, retryAfterSeconds: seconds && seconds > 0 ? seconds : fallback.retryAfterSeconds };
  }
  return { ...fallback, message };
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
  const http = createHttpClient({ network: "X", displayName: NAME, fetch: config.fetch, timeoutMs: config.timeoutMs, interpretError: interpretXError, inspectSuccess: inspectXSuccess });
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
    supportsIdempotency: false,

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

    async findPublished(account, request) {
      if (request.text.trim() === "") return undefined;
      const recent = await http.json({ url: `${api}/2/users/${account.externalId}/tweets`, token: account.accessToken, query: { max_results: 20, exclude: "replies,retweets" } }, timelineSchema);
      const match = recent.data.find((t) => sameText(request.text, t.text));
      return match ? { externalId: match.id, url: postUrl(match.id) } : null;
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
      const since = new Date(Date.now() - 28 * 86_400_000).toISOString();
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
