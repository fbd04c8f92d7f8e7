import { createHash } from "node:crypto";
import { FakeHttpServer, json, type FakeReply, type RecordedRequest } from "./http-fake";

/**
 * A fake X API v2: OAuth 2.0 token endpoint with PKCE verification, confidential-client Basic
 * auth, access tokens that expire after 2 hours and refresh tokens that rotate (each works once);
 * users/me; chunked media upload (initialize / append / finalize / STATUS) and media metadata;
 * tweets (create, reply, read with metrics, delete, timeline, recent search). As X does, it
 * refuses duplicate text, rewrites links to t.co and escapes `& < >` in the text it returns,
 * appends a t.co link for attached media, shows a new post on the user timeline only after
 * `timelineLagMs`, and counts posts against the 24-hour per-user and per-app caps it announces in
 * `x-user-limit-24hour-*` / `x-app-limit-24hour-*` headers (and a `usage-capped` answer when the
 * project's cap is spent). Errors use X's problem bodies ({ title, detail, type, status } or
 * { errors: [...] }).
 */

export const X_APP = { id: "x-client-id", secret: "x-client-secret" };
export const X_USER = { id: "1500000000000000001", name: "Corner Bakery", username: "cornerbakery" };

interface Tweet {
  id: string;
  /** As posted (the fake renders X's rewritten form on the way out). */
  text: string;
  authorId: string;
  createdAt: Date;
  mediaIds: string[];
  replyTo?: string;
  metrics?: Record<string, number>;
  olderThan30Days?: boolean;
}

interface Upload {
  totalBytes: number;
  category: string;
  segments: Map<number, number>;
  state: "uploading" | "pending" | "succeeded";
  altText?: string;
}

export function xProblem(status: number, title: string, detail: string, headers?: Record<string, string>): FakeReply {
  return json(status, { title, detail, type: "about:blank", status }, headers);
}

const ACCESS_TOKEN_SECONDS = 7200;
const DAY_MS = 86_400_000;

export class FakeXServer extends FakeHttpServer {
  readonly codes = new Map<string, string>();
  /** Access token → when it stops working (fake clock, ms). */
  readonly validTokens = new Map<string, number>();
  readonly refreshTokens = new Set<string>();
  readonly tweets = new Map<string, Tweet>();
  readonly uploads = new Map<string, Upload>();
  /** How long a new post stays out of the user timeline (X's timelines are eventually consistent). */
  timelineLagMs = 0;
  /** POST /2/tweets per 24 hours: per user (X's documented 100) and per app. */
  userDailyLimit = 100;
  appDailyLimit = 1667;
  /** When set, every call answers X's `usage-capped` problem for this period. */
  usageCapped: "Daily" | "Monthly" | null = null;
  private readonly postTimes: number[] = [];
  private sequence = 1_800_000_000_000_000_000n;
  private issued = 0;

  constructor() {
    super();
    this.on("POST", "/2/oauth2/token", (req) => this.token(req));
    this.on("GET", "/2/users/me", (req) => this.authed(req, () => json(200, { data: { ...X_USER, profile_image_url: "https://pbs.twimg.com/profile_images/1/a_normal.jpg", ...(req.query.get("user.fields")?.includes("public_metrics") ? { public_metrics: { followers_count: 2500, following_count: 80, tweet_count: 400, listed_count: 3 } } : {}) } })));
    this.on("POST", "/2/media/upload/initialize", (req) => this.authed(req, () => this.mediaInit(req)));
    this.on("POST", "/2/media/upload/:id/append", (req, p) => this.authed(req, () => this.mediaAppend(req, p.id ?? "")));
    this.on("POST", "/2/media/upload/:id/finalize", (req, p) => this.authed(req, () => this.mediaFinalize(p.id ?? "")));
    this.on("GET", "/2/media/upload", (req) => this.authed(req, () => this.mediaStatus(req)));
    this.on("POST", "/2/media/metadata", (req) => this.authed(req, () => this.mediaMetadata(req)));
    this.on("POST", "/2/tweets", (req) => this.authed(req, () => this.createTweet(req)));
    this.on("GET", "/2/tweets/search/recent", (req) => this.authed(req, () => this.search(req)));
    this.on("GET", "/2/tweets/:id", (req, p) => this.authed(req, () => this.readTweet(req, p.id ?? "")));
    this.on("DELETE", "/2/tweets/:id", (req, p) => this.authed(req, () => json(200, { data: { deleted: this.tweets.delete(p.id ?? "") } })));
    this.on("GET", "/2/users/:id/tweets", (req, p) => this.authed(req, () => this.timeline(req, p.id ?? "")));
  }

  /** What the consent screen would do: bind a code to the PKCE challenge it was shown. */
  approve(code: string, codeChallenge: string): void {
    this.codes.set(code, codeChallenge);
  }

  override reset(): void {
    super.reset();
    this.postTimes.length = 0;
  }

  /** A token valid for the next two hours, as a test would get from connecting. */
  grantToken(token: string): void {
    this.validTokens.set(token, this.now() + ACCESS_TOKEN_SECONDS * 1000);
  }

  private authed(req: RecordedRequest, next: () => FakeReply): FakeReply {
    const expiresAt = req.bearer ? this.validTokens.get(req.bearer) : undefined;
    if (expiresAt === undefined || expiresAt <= this.now()) return xProblem(401, "Unauthorized", "Unauthorized");
    if (this.usageCapped) {
      return json(429, { title: "UsageCapExceeded", detail: `Usage cap exceeded: ${this.usageCapped} product cap`, type: "https://api.twitter.com/2/problems/usage-capped", period: this.usageCapped, scope: "Product" });
    }
    return next();
  }

  private issue(): FakeReply {
    const access = `x-access-${++this.issued}`;
    const refresh = `x-refresh-${this.issued}`;
    this.grantToken(access);
    this.refreshTokens.add(refresh);
    return json(200, { token_type: "bearer", expires_in: ACCESS_TOKEN_SECONDS, access_token: access, scope: "tweet.read tweet.write users.read offline.access media.write", refresh_token: refresh });
  }

  private token(req: RecordedRequest): FakeReply {
    const expected = `Basic ${Buffer.from(`${X_APP.id}:${X_APP.secret}`).toString("base64")}`;
    if (req.headers.authorization !== expected) return json(401, { error: "unauthorized_client", error_description: "Missing valid authorization header" });
    const form = req.body;
    if (form.grant_type === "authorization_code") {
      const challenge = this.codes.get(String(form.code));
      const verifier = String(form.code_verifier ?? "");
      if (!challenge || createHash("sha256").update(verifier).digest("base64url") !== challenge) {
        return json(400, { error: "invalid_request", error_description: "Value passed for the authorization code was invalid." });
      }
      this.codes.delete(String(form.code));
      return this.issue();
    }
    if (form.grant_type === "refresh_token") {
      const token = String(form.refresh_token);
      // Refresh tokens rotate: each one works once.
      if (!this.refreshTokens.delete(token)) return json(400, { error: "invalid_request", error_description: "Value passed for the token was invalid." });
      return this.issue();
    }
    return json(400, { error: "unsupported_grant_type", error_description: "grant_type not supported" });
  }

  private nextId(): string {
    this.sequence += 1n;
    return String(this.sequence);
  }

  private mediaInit(req: RecordedRequest): FakeReply {
    const { media_type: type, total_bytes: total, media_category: category } = req.body as { media_type?: string; total_bytes?: number; media_category?: string };
    if (!type || !total || !category) return json(400, { errors: [{ message: "media_type, total_bytes and media_category are required" }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" });
    const id = this.nextId();
    this.uploads.set(id, { totalBytes: total, category, segments: new Map(), state: "uploading" });
    return json(200, { data: { id, media_key: `${category === "tweet_video" ? 7 : 3}_${id}`, expires_after_secs: 86_400 } });
  }

  private mediaAppend(req: RecordedRequest, id: string): FakeReply {
    const upload = this.uploads.get(id);
    if (!upload) return xProblem(400, "Invalid Request", "Invalid media_id");
    const size = req.body.media;
    if (typeof size !== "number" || req.body.segment_index === undefined) return xProblem(400, "Invalid Request", "media and segment_index are required");
    upload.segments.set(Number(req.body.segment_index), size);
    return { status: 200 };
  }

  private mediaFinalize(id: string): FakeReply {
    const upload = this.uploads.get(id);
    if (!upload) return xProblem(400, "Invalid Request", "Invalid media_id");
    const received = [...upload.segments.values()].reduce((a, b) => a + b, 0);
    if (received !== upload.totalBytes) return json(400, { errors: [{ message: `File size mismatch: expected ${upload.totalBytes} bytes, received ${received}` }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" });
    const isVideo = upload.category === "tweet_video";
    upload.state = isVideo ? "pending" : "succeeded";
    return json(200, { data: { id, media_key: `3_${id}`, size: received, expires_after_secs: 86_400, ...(isVideo ? { processing_info: { state: "pending", check_after_secs: 1 } } : {}) } });
  }

  private mediaStatus(req: RecordedRequest): FakeReply {
    const id = req.query.get("media_id") ?? "";
    const upload = this.uploads.get(id);
    if (!upload || req.query.get("command") !== "STATUS") return xProblem(400, "Invalid Request", "Invalid media_id");
    upload.state = "succeeded";
    return json(200, { data: { id, media_key: `7_${id}`, processing_info: { state: "succeeded", progress_percent: 100 } } });
  }

  private mediaMetadata(req: RecordedRequest): FakeReply {
    const body = req.body as { id?: string; metadata?: { alt_text?: { text?: string } } };
    const upload = this.uploads.get(body.id ?? "");
    if (!upload) return xProblem(400, "Invalid Request", "Invalid media id");
    upload.altText = body.metadata?.alt_text?.text;
    return json(200, { data: { id: body.id, associated_metadata: body.metadata } });
  }

  /** The 24-hour posting windows, as X reports them on every POST /2/tweets answer. */
  private capHeaders(): Record<string, string> {
    const now = this.now();
    const recent = this.postTimes.filter((t) => t > now - DAY_MS);
    this.postTimes.splice(0, this.postTimes.length, ...recent);
    const reset = String(Math.ceil(((recent[0] ?? now) + DAY_MS) / 1000));
    return {
      "x-user-limit-24hour-limit": String(this.userDailyLimit),
      "x-user-limit-24hour-remaining": String(Math.max(0, this.userDailyLimit - recent.length)),
      "x-user-limit-24hour-reset": reset,
      "x-app-limit-24hour-limit": String(this.appDailyLimit),
      "x-app-limit-24hour-remaining": String(Math.max(0, this.appDailyLimit - recent.length)),
      "x-app-limit-24hour-reset": reset,
    };
  }

  private createTweet(req: RecordedRequest): FakeReply {
    const caps = this.capHeaders();
    if (caps["x-user-limit-24hour-remaining"] === "0" || caps["x-app-limit-24hour-remaining"] === "0") {
      return { ...xProblem(429, "Too Many Requests", "Too Many Requests"), headers: { ...caps, "x-rate-limit-limit": "100", "x-rate-limit-remaining": "99", "x-rate-limit-reset": String(Math.ceil(this.now() / 1000) + 900) } };
    }
    const reply = this.postTweet(req);
    if ((reply.status ?? 200) < 300) this.postTimes.push(this.now());
    return { ...reply, headers: { ...reply.headers, ...this.capHeaders() } };
  }

  private postTweet(req: RecordedRequest): FakeReply {
    const body = req.body as { text?: string; media?: { media_ids?: string[] }; reply?: { in_reply_to_tweet_id?: string } };
    const text = body.text ?? "";
    if ([...text].length > 280) {
      return json(400, { errors: [{ message: "Your Tweet text is too long. For more information on how X determines text length see https://github.com/twitter/twitter-text." }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" });
    }
    if ([...this.tweets.values()].some((t) => t.text === text && t.authorId === X_USER.id)) return xProblem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
    const mediaIds = body.media?.media_ids ?? [];
    for (const id of mediaIds) {
      if (this.uploads.get(id)?.state !== "succeeded") return json(400, { errors: [{ message: `Your media IDs are invalid.` }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" });
    }
    const replyTo = body.reply?.in_reply_to_tweet_id;
    if (replyTo && !this.tweets.has(replyTo)) return xProblem(403, "Forbidden", "You attempted to reply to a Tweet that is deleted or not visible to you.");
    const id = this.nextId();
    const tweet: Tweet = { id, text, authorId: X_USER.id, createdAt: new Date(this.now()), mediaIds, replyTo };
    this.tweets.set(id, tweet);
    return json(201, { data: { id, text: this.rendered(tweet).text, edit_history_tweet_ids: [id] } });
  }

  /** What X shows of a post: HTML-escaped text, links as t.co, a trailing t.co link per post with media. */
  rendered(tweet: Tweet): { text: string; urls: Record<string, unknown>[] } {
    const escaped = tweet.text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const urls: Record<string, unknown>[] = [];
    let text = escaped.replace(/https?:\/\/[^\s]+/g, (link) => {
      const url = `https://t.co/${tweet.id.slice(-6)}${urls.length}`;
      urls.push({ url, expanded_url: link.replace(/&amp;/g, "&"), display_url: link.replace(/^https?:\/\//, "").slice(0, 25) });
      return url;
    });
    if (tweet.mediaIds.length > 0) {
      const url = `https://t.co/m${tweet.id.slice(-6)}`;
      text = `${text} ${url}`;
      urls.push({ url, expanded_url: `https://x.com/${X_USER.username}/status/${tweet.id}/photo/1`, display_url: "pic.x.com/abc", media_key: `3_${tweet.mediaIds[0]}` });
    }
    let offset = 0;
    for (const entry of urls) {
      const start = text.indexOf(String(entry.url), offset);
      entry.start = start;
      entry.end = start + String(entry.url).length;
      offset = Number(entry.end);
    }
    return { text, urls };
  }

  private view(tweet: Tweet, fields: string): Record<string, unknown> {
    const m = tweet.metrics ?? {};
    const shown = this.rendered(tweet);
    return {
      id: tweet.id,
      text: shown.text,
      author_id: tweet.authorId,
      created_at: tweet.createdAt.toISOString(),
      edit_history_tweet_ids: [tweet.id],
      ...(fields.includes("entities") && shown.urls.length > 0 ? { entities: { urls: shown.urls } } : {}),
      ...(fields.includes("attachments") && tweet.mediaIds.length > 0 ? { attachments: { media_keys: tweet.mediaIds.map((id) => `3_${id}`) } } : {}),
      ...(fields.includes("public_metrics") ? { public_metrics: { retweet_count: m.retweet_count ?? 0, reply_count: m.reply_count ?? 0, like_count: m.like_count ?? 0, quote_count: m.quote_count ?? 0, bookmark_count: 0, impression_count: m.impression_count ?? 0 } } : {}),
      ...(fields.includes("non_public_metrics") ? { non_public_metrics: { impression_count: m.impression_count ?? 0, url_link_clicks: m.url_link_clicks ?? 0, user_profile_clicks: m.user_profile_clicks ?? 0 } } : {}),
    };
  }

  private readTweet(req: RecordedRequest, id: string): FakeReply {
    const tweet = this.tweets.get(id);
    if (!tweet) {
      return json(200, { errors: [{ value: id, detail: `Could not find tweet with id: [${id}].`, title: "Not Found Error", resource_type: "tweet", parameter: "id", resource_id: id, type: "https://api.twitter.com/2/problems/resource-not-found" }] });
    }
    const fields = req.query.get("tweet.fields") ?? "";
    if (fields.includes("non_public_metrics") && tweet.olderThan30Days) {
      return json(400, { errors: [{ parameters: {}, message: "Sorry, you are not authorized to access non_public_metrics for Tweets older than 30 days." }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" });
    }
    return json(200, { data: this.view(tweet, fields) });
  }

  private timeline(req: RecordedRequest, userId: string): FakeReply {
    const fields = req.query.get("tweet.fields") ?? "";
    const excludeReplies = (req.query.get("exclude") ?? "").includes("replies");
    const startParam = req.query.get("start_time");
    // X takes RFC 3339 with second precision, e.g. 2026-11-23T09:00:00Z.
    if (startParam !== null && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(startParam)) {
      return json(400, { errors: [{ parameters: { start_time: [startParam] }, message: `Invalid 'start_time':'${startParam}'. 'start_time' must be a valid RFC 3339 timestamp.` }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" });
    }
    const maxResults = Number(req.query.get("max_results") ?? 10);
    if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 100) {
      return json(400, { errors: [{ message: "The `max_results` query parameter value is not between 5 and 100" }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: "https://api.twitter.com/2/problems/invalid-request" });
    }
    const start = startParam ? Date.parse(startParam) : Number.NEGATIVE_INFINITY;
    const visibleBefore = this.now() - this.timelineLagMs;
    const data = [...this.tweets.values()]
      .filter((t) => t.authorId === userId && !(excludeReplies && t.replyTo) && t.createdAt.getTime() >= start && t.createdAt.getTime() <= visibleBefore)
      .reverse()
      .slice(0, maxResults)
      .map((t) => this.view(t, fields));
    return json(200, data.length > 0 ? { data, meta: { result_count: data.length, newest_id: data[0]?.id } } : { meta: { result_count: 0 } });
  }

  private search(req: RecordedRequest): FakeReply {
    const conversation = /conversation_id:(\d+)/.exec(req.query.get("query") ?? "")?.[1];
    const replies = [...this.tweets.values()].filter((t) => t.replyTo === conversation);
    if (replies.length === 0) return json(200, { meta: { result_count: 0 } });
    const authors = [...new Set(replies.map((t) => t.authorId))];
    return json(200, {
      data: replies.map((t) => this.view(t, "created_at")),
      includes: { users: authors.map((id) => ({ id, name: id === X_USER.id ? X_USER.name : "Visitor", username: id === X_USER.id ? X_USER.username : `visitor${id.slice(-3)}` })) },
      meta: { result_count: replies.length },
    });
  }

  addReply(to: string, authorId: string, text: string): void {
    const id = this.nextId();
    this.tweets.set(id, { id, text, authorId, createdAt: new Date(this.now()), mediaIds: [], replyTo: to });
  }

  /** A post the user made earlier (e.g. last week's post of a recurring series). */
  addOlderTweet(text: string, ageMs: number): string {
    const id = this.nextId();
    this.tweets.set(id, { id, text, authorId: X_USER.id, createdAt: new Date(this.now() - ageMs), mediaIds: [] });
    return id;
  }
}
