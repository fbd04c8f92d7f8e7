import { FakeHttpServer, json, type FakeReply, type RecordedRequest } from "./http-fake";

/**
 * A fake TikTok for Developers API (open.tiktokapis.com/v2), as strict as TikTok on first contact:
 * - OAuth with client_key; access tokens last 2 hours, refresh tokens rotate (the one sent stops
 *   working once a new one is issued) and end 180 days after consent;
 * - creator_info with the creator's privacy options and duration limit; Direct Post init for
 *   video (FILE_UPLOAD with TikTok's chunk rules, or PULL_FROM_URL) and photos (PULL_FROM_URL);
 *   PULL_FROM_URL only from URL prefixes verified for the app (403 url_ownership_unverified);
 * - an unaudited app may post only SELF_ONLY, and only to private accounts (403
 *   unaudited_client_can_only_post_to_private_accounts);
 * - chunked upload to a pre-signed upload URL (Content-Range, in order, 206 then 201);
 * - publish status with the real `publicaly_available_post_id` spelling and int64 ids written as
 *   JSON numbers, a public post getting its id (and a place in the video list) only after
 *   moderation (`moderationMs`), a private one never;
 * - video query and list (public posts only, newest first, with cursor / has_more).
 * Every answer carries `error: { code, message, log_id }`.
 */

export const TIKTOK_APP = { key: "tt-client-key", secret: "tt-client-secret" };
export const TIKTOK_OPEN_ID = "-000OmqaH6X9bEz5ZxP0vG2pqXnW5tJj2R1e";

/** Larger than 2^53: a JSON.parse round trip would corrupt it. The first public post after a reset gets this id. */
export const TIKTOK_POST_ID = "7301234567890123457";

const MB = 1024 * 1024;
const ACCESS_TOKEN_SECONDS = 7200;
const REFRESH_TOKEN_SECONDS = 180 * 86_400;

interface Publish {
  id: string;
  kind: "video" | "photo";
  body: Record<string, unknown>;
  privacy: string;
  createdAt: number;
  polls: number;
  fail?: string;
  /** FILE_UPLOAD: what is still to come. */
  upload?: { size: number; chunkSize: number; count: number; received: number; chunks: number };
  postId?: string;
}

export function tiktokError(status: number, code: string, message: string, headers?: Record<string, string>): FakeReply {
  return json(status, { error: { code, message, log_id: "20261123ABCDEF" } }, headers);
}

const ok = (data: unknown): FakeReply => json(200, { data, error: { code: "ok", message: "", log_id: "20261123ABCDEF" } });

export class FakeTikTokServer extends FakeHttpServer {
  /** Access token → when it stops working (fake clock). */
  readonly validTokens = new Map<string, number>();
  /** Refresh token → when its grant ends. */
  readonly refreshTokens = new Map<string, number>();
  readonly publishes = new Map<string, Publish>();
  readonly videos = new Map<string, { title: string; views: number; likes: number; comments: number; shares: number; createTime: number; privacy: string }>();
  privacyOptions = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];
  maxVideoSeconds = 600;
  /** Whether TikTok has audited this app (unaudited: SELF_ONLY posts to private accounts only). */
  audited = true;
  accountPrivate = false;
  /** URL prefixes verified for the app in the developer portal (PULL_FROM_URL). */
  verifiedPrefixes = ["https://media.bakery.example/"];
  /** Status polls before PUBLISH_COMPLETE. */
  processingPolls = 1;
  /** How long a public post is in moderation (no post id, not listed) after PUBLISH_COMPLETE. */
  moderationMs = 0;
  /** Next publish fails with this reason (e.g. file_format_check_failed). */
  nextFailReason: string | undefined;
  private issued = 0;
  private sequence = 0;
  private nextPostId = BigInt(TIKTOK_POST_ID);

  constructor() {
    super();
    this.on("POST", "/v2/oauth/token/", (req) => this.token(req));
    this.on("GET", "/v2/user/info/", (req) => this.authed(req, () => ok({ user: { open_id: TIKTOK_OPEN_ID, union_id: "u-1", display_name: "Corner Bakery", username: "cornerbakery", avatar_url: "https://p16.tiktokcdn.com/avatar.jpeg", follower_count: 5600, likes_count: 40_000, video_count: 12 } })));
    this.on("POST", "/v2/post/publish/creator_info/query/", (req) =>
      this.authed(req, () => ok({ creator_avatar_url: "https://p16.tiktokcdn.com/avatar.jpeg", creator_username: "cornerbakery", creator_nickname: "Corner Bakery", privacy_level_options: this.privacyOptions, comment_disabled: false, duet_disabled: true, stitch_disabled: false, max_video_post_duration_sec: this.maxVideoSeconds })),
    );
    this.on("POST", "/v2/post/publish/video/init/", (req) => this.authed(req, () => this.init(req, "video")));
    this.on("POST", "/v2/post/publish/content/init/", (req) => this.authed(req, () => this.init(req, "photo")));
    this.on("PUT", "/upload/:id", (req, p) => this.uploadChunk(req, p.id ?? ""));
    this.on("POST", "/v2/post/publish/status/fetch/", (req) => this.authed(req, () => this.status(req)));
    this.on("POST", "/v2/video/query/", (req) => this.authed(req, () => this.query(req)));
    this.on("POST", "/v2/video/list/", (req) => this.authed(req, () => this.list(req)));
  }

  override reset(): void {
    super.reset();
    this.publishes.clear();
    this.nextPostId = BigInt(TIKTOK_POST_ID);
  }

  /** A token as a test would hold after connecting (valid for the next two hours). */
  grantToken(token: string): void {
    this.validTokens.set(token, this.now() + ACCESS_TOKEN_SECONDS * 1000);
  }

  private authed(req: RecordedRequest, next: () => FakeReply): FakeReply {
    const expiresAt = req.bearer ? this.validTokens.get(req.bearer) : undefined;
    if (expiresAt === undefined || expiresAt <= this.now()) return tiktokError(401, "access_token_invalid", "The access token is invalid or not found in the request.");
    return next();
  }

  private token(req: RecordedRequest): FakeReply {
    const form = req.body;
    if (form.client_key !== TIKTOK_APP.key || form.client_secret !== TIKTOK_APP.secret) return json(200, { error: "invalid_client", error_description: "Client key or secret is incorrect.", log_id: "x" });
    let grantEnds: number;
    if (form.grant_type === "authorization_code") {
      if (form.code !== "good-code") return json(200, { error: "invalid_grant", error_description: "Authorization code is expired.", log_id: "x" });
      grantEnds = this.now() + REFRESH_TOKEN_SECONDS * 1000;
    } else if (form.grant_type === "refresh_token") {
      const ends = this.refreshTokens.get(String(form.refresh_token));
      if (ends === undefined || ends <= this.now()) return json(200, { error: "invalid_grant", error_description: "Refresh token is invalid or expired.", log_id: "x" });
      // Rotation: the refresh token sent stops working once a new one is issued.
      this.refreshTokens.delete(String(form.refresh_token));
      grantEnds = ends;
    } else {
      return json(200, { error: "unsupported_grant_type", error_description: "The grant type is not supported.", log_id: "x" });
    }
    const access = `act.tt-${++this.issued}`;
    const refresh = `rft.tt-${this.issued}`;
    this.grantToken(access);
    this.refreshTokens.set(refresh, grantEnds);
    return json(200, {
      access_token: access,
      expires_in: ACCESS_TOKEN_SECONDS,
      open_id: TIKTOK_OPEN_ID,
      refresh_expires_in: Math.floor((grantEnds - this.now()) / 1000),
      refresh_token: refresh,
      scope: "user.info.basic,video.publish,video.list",
      token_type: "Bearer",
    });
  }

  private verified(url: string): boolean {
    return this.verifiedPrefixes.some((prefix) => url.startsWith(prefix));
  }

  private init(req: RecordedRequest, kind: "video" | "photo"): FakeReply {
    const body = req.body as {
      post_info?: { privacy_level?: string; title?: string; description?: string };
      source_info?: { source?: string; video_url?: string; photo_images?: string[]; video_size?: number; chunk_size?: number; total_chunk_count?: number };
      post_mode?: string;
      media_type?: string;
    };
    const privacy = body.post_info?.privacy_level;
    if (!privacy || !this.privacyOptions.includes(privacy)) return tiktokError(400, "privacy_level_option_mismatch", "privacy_level is not one of the creator's privacy_level_options.");
    if (!this.audited && (privacy !== "SELF_ONLY" || !this.accountPrivate)) {
      return tiktokError(403, "unaudited_client_can_only_post_to_private_accounts", "Unaudited clients can only post to private accounts, with the SELF_ONLY privacy level.");
    }
    const source = body.source_info?.source;
    let upload: Publish["upload"];
    if (kind === "photo") {
      if (body.post_mode !== "DIRECT_POST" || body.media_type !== "PHOTO") return tiktokError(400, "invalid_params", "post_mode and media_type are required.");
      if (source !== "PULL_FROM_URL") return tiktokError(400, "invalid_params", "Photo posts take source PULL_FROM_URL.");
      const images = body.source_info?.photo_images ?? [];
      if (images.length === 0 || images.length > 35) return tiktokError(400, "invalid_params", "photo_images must hold 1 to 35 URLs.");
      if (images.some((u) => !this.verified(u))) return tiktokError(403, "url_ownership_unverified", "Please review our URL ownership verification rules.");
    } else if (source === "PULL_FROM_URL") {
      const url = body.source_info?.video_url;
      if (!url) return tiktokError(400, "invalid_params", "video_url is required.");
      if (!this.verified(url)) return tiktokError(403, "url_ownership_unverified", "Please review our URL ownership verification rules.");
    } else if (source === "FILE_UPLOAD") {
      const problem = chunkRuleProblem(body.source_info?.video_size, body.source_info?.chunk_size, body.source_info?.total_chunk_count);
      if (problem) return tiktokError(400, "invalid_params", problem);
      upload = { size: Number(body.source_info?.video_size), chunkSize: Number(body.source_info?.chunk_size), count: Number(body.source_info?.total_chunk_count), received: 0, chunks: 0 };
    } else {
      return tiktokError(400, "invalid_params", "source_info.source must be PULL_FROM_URL or FILE_UPLOAD.");
    }
    const id = `${kind === "video" ? (upload ? "v_pub_file" : "v_pub_url") : "p_pub_url"}~v2-1.${++this.sequence}`;
    this.publishes.set(id, { id, kind, body: req.body, privacy, createdAt: this.now(), polls: 0, fail: this.nextFailReason, upload });
    this.nextFailReason = undefined;
    return ok(upload ? { publish_id: id, upload_url: `${this.baseUrl}/upload/${encodeURIComponent(id)}` } : { publish_id: id });
  }

  /** The pre-signed upload URL: chunks in order, each as announced, the last taking the rest. */
  private uploadChunk(req: RecordedRequest, id: string): FakeReply {
    const upload = this.publishes.get(id)?.upload;
    if (!upload) return tiktokError(404, "invalid_publish_id", "The upload URL is not valid.");
    if (!String(req.headers["content-type"] ?? "").startsWith("video/")) return tiktokError(400, "invalid_file_upload", "Content-Type must be the video's type.");
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers["content-range"] ?? ""));
    if (!range) return tiktokError(400, "invalid_file_upload", "Invalid Content-Range");
    const [first, last, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    const isLast = upload.chunks === upload.count - 1;
    const expected = isLast ? upload.size - upload.received : upload.chunkSize;
    if (total !== upload.size || first !== upload.received || last - first + 1 !== expected || req.raw.length !== expected) {
      return tiktokError(400, "invalid_file_upload", `Chunk ${upload.chunks} must be bytes ${upload.received}-${upload.received + expected - 1}/${upload.size}.`);
    }
    upload.received += req.raw.length;
    upload.chunks++;
    return { status: isLast ? 201 : 206 };
  }

  private status(req: RecordedRequest): FakeReply {
    const publish = this.publishes.get(String(req.body.publish_id));
    if (!publish) return tiktokError(400, "invalid_publish_id", "The publish_id does not exist.");
    if (publish.upload && publish.upload.received < publish.upload.size) return ok({ status: "PROCESSING_UPLOAD", uploaded_bytes: publish.upload.received });
    publish.polls++;
    if (publish.fail) return ok({ status: "FAILED", fail_reason: publish.fail });
    if (publish.polls <= this.processingPolls) return ok({ status: "PROCESSING_DOWNLOAD", uploaded_bytes: 0 });
    const isPublic = publish.privacy === "PUBLIC_TO_EVERYONE";
    const moderated = this.now() >= publish.createdAt + this.moderationMs;
    if (isPublic && moderated && !publish.postId) {
      publish.postId = String(this.nextPostId);
      this.nextPostId += 2n;
      const info = publish.body.post_info as { title?: string; description?: string } | undefined;
      this.videos.set(publish.postId, { title: info?.title ?? info?.description ?? "", views: 0, likes: 0, comments: 0, shares: 0, createTime: Math.floor(publish.createdAt / 1000), privacy: publish.privacy });
    }
    // Hand-written so the int64 stays exact on the wire, as TikTok sends it.
    const ids = publish.postId ? `[${publish.postId}]` : "[]";
    const raw = `{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":${ids},"uploaded_bytes":0},"error":{"code":"ok","message":"","log_id":"20261123ABCDEF"}}`;
    return { status: 200, body: Buffer.from(raw), headers: { "content-type": "application/json; charset=UTF-8" } };
  }

  private view(id: string, fields: string): Record<string, unknown> | undefined {
    const v = this.videos.get(id);
    if (!v) return undefined;
    const all: Record<string, unknown> = { id, title: v.title, video_description: v.title, share_url: `https://www.tiktok.com/@cornerbakery/video/${id}`, create_time: v.createTime, view_count: v.views, like_count: v.likes, comment_count: v.comments, share_count: v.shares };
    return Object.fromEntries(fields.split(",").filter((f) => f in all).map((f) => [f, all[f]]));
  }

  private query(req: RecordedRequest): FakeReply {
    const fields = req.query.get("fields");
    if (!fields) return tiktokError(400, "invalid_params", "fields is required.");
    const ids = ((req.body.filters as { video_ids?: string[] } | undefined)?.video_ids ?? []).map(String);
    if (ids.length === 0 || ids.length > 20) return tiktokError(400, "invalid_params", "video_ids must hold 1 to 20 ids.");
    return ok({ videos: ids.flatMap((id) => this.view(id, fields) ?? []) });
  }

  /** The creator's public posts, newest first; `cursor` is the create_time (ms) to continue before. */
  private list(req: RecordedRequest): FakeReply {
    const fields = req.query.get("fields") ?? "id";
    const max = Number(req.body.max_count ?? 10);
    if (!Number.isInteger(max) || max < 1 || max > 20) return tiktokError(400, "invalid_params", "max_count must be between 1 and 20.");
    const cursor = req.body.cursor === undefined ? Number.POSITIVE_INFINITY : Number(req.body.cursor);
    const all = [...this.videos.entries()]
      .filter(([, v]) => v.privacy === "PUBLIC_TO_EVERYONE" && v.createTime * 1000 < cursor)
      .sort((a, b) => b[1].createTime - a[1].createTime);
    const page = all.slice(0, max);
    const next = page.at(-1);
    return ok({ videos: page.flatMap(([id]) => this.view(id, fields) ?? []), cursor: next ? next[1].createTime * 1000 : 0, has_more: all.length > page.length });
  }

  /** A public post the creator made earlier (last week's post of a series). */
  addOlderVideo(title: string, ageMs: number): string {
    const id = String(this.nextPostId);
    this.nextPostId += 2n;
    this.videos.set(id, { title, views: 0, likes: 0, comments: 0, shares: 0, createTime: Math.floor((this.now() - ageMs) / 1000), privacy: "PUBLIC_TO_EVERYONE" });
    return id;
  }
}

/** TikTok's chunk rules (Media Transfer Guide), or null when the announced upload follows them. */
function chunkRuleProblem(videoSize: unknown, chunkSize: unknown, count: unknown): string | null {
  const size = Number(videoSize);
  const chunk = Number(chunkSize);
  const chunks = Number(count);
  if (![size, chunk, chunks].every((n) => Number.isInteger(n) && n > 0)) return "video_size, chunk_size and total_chunk_count are required for FILE_UPLOAD.";
  if (size < 5 * MB && (chunk !== size || chunks !== 1)) return "A video under 5 MB must be uploaded whole (chunk_size = video_size).";
  if (size >= 5 * MB && (chunk < 5 * MB || chunk > 64 * MB)) return "chunk_size must be between 5 MB and 64 MB.";
  if (size > 64 * MB && chunks < 2) return "A video over 64 MB must be uploaded in chunks.";
  if (chunks !== Math.max(1, Math.floor(size / chunk)) || chunks > 1000) return "total_chunk_count must be video_size / chunk_size rounded down (1 to 1000).";
  if (size - (chunks - 1) * chunk > 128 * MB) return "The final chunk may be at most 128 MB.";
  return null;
}
