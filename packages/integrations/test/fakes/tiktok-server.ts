import { FakeHttpServer, json, type FakeReply, type RecordedRequest } from "./http-fake";

/**
 * A fake TikTok for Developers API (open.tiktokapis.com/v2): OAuth token endpoint (client_key),
 * user info, creator_info query, Direct Post video init and photo content init (PULL_FROM_URL),
 * publish status (with the real `publicaly_available_post_id` spelling and int64 ids written as
 * JSON numbers), video query and list. Every answer carries `error: { code, message, log_id }`.
 */

export const TIKTOK_APP = { key: "tt-client-key", secret: "tt-client-secret" };
export const TIKTOK_OPEN_ID = "-000OmqaH6X9bEz5ZxP0vG2pqXnW5tJj2R1e";

/** Larger than 2^53: a JSON.parse round trip would corrupt it. */
export const TIKTOK_POST_ID = "7301234567890123457";

interface Publish {
  id: string;
  kind: "video" | "photo";
  body: Record<string, unknown>;
  polls: number;
  fail?: string;
}

export function tiktokError(status: number, code: string, message: string, headers?: Record<string, string>): FakeReply {
  return json(status, { error: { code, message, log_id: "20261123ABCDEF" } }, headers);
}

const ok = (data: unknown): FakeReply => json(200, { data, error: { code: "ok", message: "", log_id: "20261123ABCDEF" } });

export class FakeTikTokServer extends FakeHttpServer {
  readonly validTokens = new Set<string>();
  readonly refreshTokens = new Set<string>();
  readonly publishes = new Map<string, Publish>();
  readonly videos = new Map<string, { title: string; views: number; likes: number; comments: number; shares: number; createTime: number }>();
  privacyOptions = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];
  /** Status polls before PUBLISH_COMPLETE. */
  processingPolls = 1;
  /** Next publish fails with this reason (e.g. file_format_check_failed). */
  nextFailReason: string | undefined;
  /** Whether the completed post gets a public id (private posts do not). */
  publicId = true;
  private issued = 0;
  private sequence = 0;

  constructor() {
    super();
    this.on("POST", "/v2/oauth/token/", (req) => this.token(req));
    this.on("GET", "/v2/user/info/", (req) => this.authed(req, () => ok({ user: { open_id: TIKTOK_OPEN_ID, union_id: "u-1", display_name: "Corner Bakery", username: "cornerbakery", avatar_url: "https://p16.tiktokcdn.com/avatar.jpeg", follower_count: 5600, likes_count: 40_000, video_count: 12 } })));
    this.on("POST", "/v2/post/publish/creator_info/query/", (req) =>
      this.authed(req, () => ok({ creator_avatar_url: "https://p16.tiktokcdn.com/avatar.jpeg", creator_username: "cornerbakery", creator_nickname: "Corner Bakery", privacy_level_options: this.privacyOptions, comment_disabled: false, duet_disabled: true, stitch_disabled: false, max_video_post_duration_sec: 600 })),
    );
    this.on("POST", "/v2/post/publish/video/init/", (req) => this.authed(req, () => this.init(req, "video")));
    this.on("POST", "/v2/post/publish/content/init/", (req) => this.authed(req, () => this.init(req, "photo")));
    this.on("POST", "/v2/post/publish/status/fetch/", (req) => this.authed(req, () => this.status(req)));
    this.on("POST", "/v2/video/query/", (req) => this.authed(req, () => this.query(req)));
    this.on("POST", "/v2/video/list/", (req) => this.authed(req, () => this.list(req)));
  }

  private authed(req: RecordedRequest, next: () => FakeReply): FakeReply {
    if (!req.bearer || !this.validTokens.has(req.bearer)) return tiktokError(401, "access_token_invalid", "The access token is invalid or not found in the request.");
    return next();
  }

  private token(req: RecordedRequest): FakeReply {
    const form = req.body;
    if (form.client_key !== TIKTOK_APP.key || form.client_secret !== TIKTOK_APP.secret) return json(200, { error: "invalid_client", error_description: "Client key or secret is incorrect.", log_id: "x" });
    if (form.grant_type === "authorization_code" && form.code !== "good-code") return json(200, { error: "invalid_grant", error_description: "Authorization code is expired.", log_id: "x" });
    if (form.grant_type === "refresh_token" && !this.refreshTokens.has(String(form.refresh_token))) return json(200, { error: "invalid_grant", error_description: "Refresh token is invalid or expired.", log_id: "x" });
    const access = `act.tt-${++this.issued}`;
    this.validTokens.add(access);
    const refresh = form.grant_type === "refresh_token" ? String(form.refresh_token) : `rft.tt-${this.issued}`;
    this.refreshTokens.add(refresh);
    return json(200, { access_token: access, expires_in: 86_400, open_id: TIKTOK_OPEN_ID, refresh_expires_in: 31_536_000, refresh_token: refresh, scope: "user.info.basic,video.publish,video.list", token_type: "Bearer" });
  }

  private init(req: RecordedRequest, kind: "video" | "photo"): FakeReply {
    const body = req.body as { post_info?: { privacy_level?: string; title?: string; description?: string }; source_info?: { source?: string; video_url?: string; photo_images?: string[] }; post_mode?: string; media_type?: string };
    const privacy = body.post_info?.privacy_level;
    if (!privacy || !this.privacyOptions.includes(privacy)) return tiktokError(400, "privacy_level_option_mismatch", "privacy_level is not one of the creator's privacy_level_options.");
    if (body.source_info?.source !== "PULL_FROM_URL") return tiktokError(400, "invalid_params", "source_info.source must be PULL_FROM_URL or FILE_UPLOAD.");
    if (kind === "video" && !body.source_info.video_url) return tiktokError(400, "invalid_params", "video_url is required.");
    if (kind === "photo") {
      if (body.post_mode !== "DIRECT_POST" || body.media_type !== "PHOTO") return tiktokError(400, "invalid_params", "post_mode and media_type are required.");
      const images = body.source_info.photo_images ?? [];
      if (images.length === 0 || images.length > 35) return tiktokError(400, "invalid_params", "photo_images must hold 1 to 35 URLs.");
      if (images.some((u) => u.includes("unverified.example"))) return tiktokError(403, "url_ownership_unverified", "Please review our URL ownership verification rules.");
    }
    const id = `${kind === "video" ? "v_pub_url" : "p_pub_url"}~v2-1.${++this.sequence}`;
    this.publishes.set(id, { id, kind, body: req.body, polls: 0, fail: this.nextFailReason });
    this.nextFailReason = undefined;
    return ok({ publish_id: id });
  }

  private status(req: RecordedRequest): FakeReply {
    const publish = this.publishes.get(String(req.body.publish_id));
    if (!publish) return tiktokError(400, "invalid_publish_id", "The publish_id does not exist.");
    publish.polls++;
    if (publish.fail) return ok({ status: "FAILED", fail_reason: publish.fail });
    if (publish.polls <= this.processingPolls) return ok({ status: "PROCESSING_DOWNLOAD", uploaded_bytes: 0 });
    if (this.publicId && !this.videos.has(TIKTOK_POST_ID)) {
      const info = publish.body.post_info as { title?: string; description?: string } | undefined;
      this.videos.set(TIKTOK_POST_ID, { title: info?.title ?? info?.description ?? "", views: 0, likes: 0, comments: 0, shares: 0, createTime: Math.floor(Date.now() / 1000) });
    }
    // Hand-written so the int64 stays exact on the wire, as TikTok sends it.
    const ids = this.publicId ? `[${TIKTOK_POST_ID}]` : "[]";
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

  private list(req: RecordedRequest): FakeReply {
    const fields = req.query.get("fields") ?? "id";
    const videos = [...this.videos.keys()].reverse().flatMap((id) => this.view(id, fields) ?? []);
    return ok({ videos, cursor: 0, has_more: false });
  }
}
