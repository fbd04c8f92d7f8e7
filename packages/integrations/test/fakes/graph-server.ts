import { createHmac } from "node:crypto";
import { FakeHttpServer, json, type FakeReply, type RecordedRequest } from "./http-fake";

/**
 * A fake Meta Graph API (v25.0) for the Facebook Pages and Instagram adapters: OAuth code and
 * long-lived token exchange, /me/accounts with page tokens and linked Instagram accounts,
 * page feed/photos/videos, Instagram media containers and media_publish, comments, insights,
 * deletion, and Graph-shaped errors ({ error: { message, type, code, error_subcode, fbtrace_id } }).
 * As strict as Graph is today: each token carries the permissions granted at consent and every
 * call checks the one it needs (a missing one answers a permission error, code 10 or 200 — not
 * an expired session); insights answer only current metric names (post_impressions*,
 * page_impressions* and page_fans were removed on 2025-11-15: "(#100) The value must be a valid
 * insights metric"); a new post shows in the page's /posts and /videos only after `feedLagMs`.
 */

export const GRAPH_APP = { id: "meta-app-id", secret: "meta-app-secret" };
export const GRAPH_VERSION_PATH = "/v25.0";

/** What the app's consent grants (Facebook's and Instagram's scopes; one Meta app). */
export const GRAPH_GRANTED_SCOPES = [
  "pages_show_list",
  "pages_read_engagement",
  "pages_read_user_content",
  "pages_manage_posts",
  "pages_manage_engagement",
  "read_insights",
  "business_management",
  "instagram_basic",
  "instagram_content_publish",
  "instagram_manage_contents",
  "instagram_manage_comments",
  "instagram_manage_insights",
];

/** Insights metrics Graph still answers, per object kind (everything else: invalid metric). */
const CURRENT_METRICS: Record<string, readonly string[]> = {
  page: ["page_media_view", "page_total_media_view_unique", "page_post_engagements", "page_follows", "page_views_total"],
  post: ["post_media_view", "post_total_media_view_unique", "post_clicks", "post_reactions_by_type_total"],
  photo: ["post_media_view", "post_total_media_view_unique", "post_clicks", "post_reactions_by_type_total"],
  video: ["total_video_views", "total_video_views_unique", "total_video_avg_time_watched"],
  ig_user: ["views", "reach", "total_interactions", "accounts_engaged", "follower_count"],
  ig_media: ["views", "reach", "likes", "comments", "shares", "saved", "total_interactions"],
};

export interface FakePage {
  id: string;
  name: string;
  token: string;
  tasks: string[];
  followers: number;
  instagram?: { id: string; username: string; name: string; followers: number };
}

interface GraphObject {
  id: string;
  kind: "post" | "photo" | "video" | "comment" | "container" | "ig_media";
  owner: string;
  message?: string;
  published?: boolean;
  attached?: string[];
  containerStatus?: "IN_PROGRESS" | "FINISHED" | "ERROR" | "PUBLISHED";
  pollsUntilFinished?: number;
  children?: string[];
  fields?: Record<string, unknown>;
  comments: string[];
  createdAt: Date;
  author?: string;
}

export function graphError(message: string, code: number, extra: { type?: string; subcode?: number; status?: number; headers?: Record<string, string> } = {}): FakeReply {
  return json(
    extra.status ?? 400,
    { error: { message, type: extra.type ?? "OAuthException", code, ...(extra.subcode ? { error_subcode: extra.subcode } : {}), fbtrace_id: "AbCdEf123" } },
    extra.headers,
  );
}

export class FakeGraphServer extends FakeHttpServer {
  readonly pages: FakePage[] = [
    { id: "101", name: "Corner Bakery", token: "page-token-101", tasks: ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"], followers: 1200, instagram: { id: "17841400000000001", username: "cornerbakery", name: "Corner Bakery", followers: 3400 } },
    { id: "102", name: "Read-only Page", token: "page-token-102", tasks: ["ANALYZE"], followers: 10 },
  ];
  readonly objects = new Map<string, GraphObject>();
  /** Tokens the fake accepts; remove one to simulate a revoked token. */
  readonly validTokens = new Set<string>(["long-user-token", ...this.pages.map((p) => p.token)]);
  /** Permissions behind each token (an account connected before a scope was asked for lacks it). */
  readonly tokenScopes = new Map<string, Set<string>>([...this.validTokens].map((t) => [t, new Set(GRAPH_GRANTED_SCOPES)]));
  private sequence = 1000;
  videoPollsBeforeFinished = 1;
  /** How long a new page post or video stays out of /posts and /videos. */
  feedLagMs = 0;

  constructor() {
    super();
    const v = GRAPH_VERSION_PATH;
    this.on("GET", `${v}/oauth/access_token`, (req) => this.token(req));
    this.on("GET", `${v}/me/accounts`, (req) => this.authed(req, () => this.accounts(req)));
    this.on("POST", `${v}/:id/feed`, (req, p) => this.permitted(req, "pages_manage_posts", () => this.feed(req, p.id ?? "")));
    this.on("POST", `${v}/:id/photos`, (req, p) => this.permitted(req, "pages_manage_posts", () => this.photo(req, p.id ?? "")));
    this.on("POST", `${v}/:id/videos`, (req, p) => this.permitted(req, "pages_manage_posts", () => this.video(req, p.id ?? "")));
    this.on("GET", `${v}/:id/videos`, (req, p) => this.authed(req, () => this.recent(req, p.id ?? "", "video")));
    this.on("POST", `${v}/:id/comments`, (req, p) => this.permitted(req, this.isInstagram(p.id ?? "") ? "instagram_manage_comments" : "pages_manage_engagement", () => this.comment(req, p.id ?? "")));
    this.on("GET", `${v}/:id/comments`, (req, p) => this.authed(req, () => this.listComments(p.id ?? "")));
    this.on("POST", `${v}/:id/media`, (req, p) => this.permitted(req, "instagram_content_publish", () => this.container(req, p.id ?? "")));
    this.on("POST", `${v}/:id/media_publish`, (req, p) => this.permitted(req, "instagram_content_publish", () => this.mediaPublish(req, p.id ?? "")));
    this.on("GET", `${v}/:id/media`, (req, p) => this.authed(req, () => this.recent(req, p.id ?? "", "ig_media")));
    this.on("GET", `${v}/:id/posts`, (req, p) => this.authed(req, () => this.recent(req, p.id ?? "", "post")));
    this.on("GET", `${v}/:id/insights`, (req, p) => this.permitted(req, this.isInstagram(p.id ?? "") ? "instagram_manage_insights" : "read_insights", () => this.insights(req, p.id ?? "")));
    this.on("GET", `${v}/:id/video_insights`, (req, p) => this.permitted(req, "read_insights", () => this.insights(req, p.id ?? "")));
    this.on("GET", `${v}/:id`, (req, p) => this.authed(req, () => this.read(req, p.id ?? "")));
    this.on("DELETE", `${v}/:id`, (req, p) => this.permitted(req, this.isInstagram(p.id ?? "") ? "instagram_manage_contents" : "pages_manage_posts", () => this.remove(p.id ?? "")));
  }

  private nextId(): string {
    return String(++this.sequence);
  }

  private param(req: RecordedRequest, name: string): string | undefined {
    const value = req.body[name] ?? req.query.get(name);
    return value === undefined || value === null ? undefined : String(value);
  }

  private token(req: RecordedRequest): FakeReply {
    if (req.query.get("client_id") !== GRAPH_APP.id || req.query.get("client_secret") !== GRAPH_APP.secret) {
      return graphError("Error validating client secret.", 1, { type: "OAuthException" });
    }
    if (req.query.get("grant_type") === "fb_exchange_token") {
      const token = req.query.get("fb_exchange_token") ?? "";
      if (token !== "short-user-token" && !this.validTokens.has(token)) return graphError("Error validating access token: Session has expired on Monday, 02-Nov-26.", 190, { subcode: 463 });
      return json(200, { access_token: "long-user-token", token_type: "bearer", expires_in: 5_183_944 });
    }
    if (req.query.get("code") !== "good-code") return graphError("This authorization code has been used.", 100, { subcode: 36009 });
    return json(200, { access_token: "short-user-token", token_type: "bearer", expires_in: 5400 });
  }

  /** Graph checks the token and, with "Require App Secret", the appsecret_proof. */
  private authed(req: RecordedRequest, next: () => FakeReply): FakeReply {
    const token = req.bearer ?? req.query.get("access_token") ?? "";
    if (!this.validTokens.has(token)) return graphError("Error validating access token: The session has been invalidated because the user changed their password.", 190, { subcode: 460 });
    const proof = createHmac("sha256", GRAPH_APP.secret).update(token).digest("hex");
    if (req.query.get("appsecret_proof") !== proof) return graphError("Invalid appsecret_proof provided in the API argument", 100, { type: "GraphMethodException" });
    return next();
  }

  /** A call that needs a permission the token was not granted: Graph's permission errors. */
  private permitted(req: RecordedRequest, scope: string, next: () => FakeReply): FakeReply {
    return this.authed(req, () => {
      const token = req.bearer ?? req.query.get("access_token") ?? "";
      if (this.tokenScopes.get(token)?.has(scope)) return next();
      if (scope.startsWith("instagram_")) return graphError("(#10) Application does not have permission for this action", 10);
      return graphError(`(#200) Requires ${scope} permission to manage the object`, 200);
    });
  }

  private isInstagram(id: string): boolean {
    return this.pages.some((p) => p.instagram?.id === id) || this.objects.get(id)?.kind === "ig_media" || this.objects.get(this.objects.get(id)?.owner ?? "")?.kind === "ig_media";
  }

  private accounts(req: RecordedRequest): FakeReply {
    const withInstagram = (req.query.get("fields") ?? "").includes("instagram_business_account");
    return json(200, {
      data: this.pages.map((page) => ({
        id: page.id,
        name: page.name,
        access_token: page.token,
        category: "Bakery",
        tasks: page.tasks,
        picture: { data: { url: `https://scontent.example/${page.id}.jpg` } },
        ...(withInstagram && page.instagram
          ? { instagram_business_account: { id: page.instagram.id, username: page.instagram.username, name: page.instagram.name, profile_picture_url: `https://scontent.example/ig-${page.instagram.id}.jpg` } }
          : {}),
      })),
      paging: { cursors: { before: "b", after: "a" } },
    });
  }

  private store(object: Omit<GraphObject, "comments" | "createdAt">): GraphObject {
    const stored = { ...object, comments: [], createdAt: new Date(this.now()) };
    this.objects.set(object.id, stored);
    return stored;
  }

  private feed(req: RecordedRequest, pageId: string): FakeReply {
    const message = this.param(req, "message") ?? "";
    const duplicate = [...this.objects.values()].some((o) => o.kind === "post" && o.owner === pageId && message !== "" && o.message === message);
    if (duplicate) return graphError("(#506) Duplicate status message", 506);
    const attached = Array.isArray(req.body.attached_media) ? req.body.attached_media.map((m: unknown) => String((m as { media_fbid?: unknown }).media_fbid)) : [];
    for (const photo of attached) {
      if (this.objects.get(photo)?.published !== false) return graphError(`(#100) Invalid attached_media: ${photo}`, 100);
    }
    const post = this.store({ id: `${pageId}_${this.nextId()}`, kind: "post", owner: pageId, message, attached });
    return json(200, { id: post.id });
  }

  private photo(req: RecordedRequest, pageId: string): FakeReply {
    const url = this.param(req, "url");
    if (!url) return graphError("(#324) Requires upload file", 324);
    const published = req.body.published !== false && this.param(req, "published") !== "false";
    const photo = this.store({ id: this.nextId(), kind: "photo", owner: pageId, published, fields: { url } });
    if (!published) return json(200, { id: photo.id });
    const post = this.store({ id: `${pageId}_${this.nextId()}`, kind: "post", owner: pageId, message: this.param(req, "caption") ?? "", attached: [photo.id] });
    return json(200, { id: photo.id, post_id: post.id });
  }

  private video(req: RecordedRequest, pageId: string): FakeReply {
    if (!this.param(req, "file_url")) return graphError("(#100) Param file_url must be a valid URL", 100);
    const video = this.store({ id: this.nextId(), kind: "video", owner: pageId, message: this.param(req, "description") ?? "" });
    return json(200, { id: video.id });
  }

  private comment(req: RecordedRequest, objectId: string): FakeReply {
    const target = this.objects.get(objectId);
    if (!target) return graphError(`Unsupported post request. Object with ID '${objectId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 100, { subcode: 33 });
    const comment = this.store({ id: `${objectId}_${this.nextId()}`, kind: "comment", owner: objectId, message: this.param(req, "message") ?? "", author: "Corner Bakery" });
    target.comments.push(comment.id);
    return json(200, { id: comment.id });
  }

  /** A comment written by someone else, for fetchComments. */
  addVisitorComment(objectId: string, author: string, message: string): void {
    const comment = this.store({ id: `${objectId}_${this.nextId()}`, kind: "comment", owner: objectId, message, author });
    this.objects.get(objectId)?.comments.push(comment.id);
  }

  private listComments(objectId: string): FakeReply {
    const target = this.objects.get(objectId);
    if (!target) return graphError(`Unsupported get request. Object with ID '${objectId}' does not exist.`, 100, { subcode: 33 });
    const data = target.comments.flatMap((id) => {
      const c = this.objects.get(id);
      if (!c) return [];
      const isInstagram = target.kind === "ig_media";
      return [isInstagram ? { id: c.id, text: c.message, username: c.author, timestamp: c.createdAt.toISOString() } : { id: c.id, message: c.message, from: { name: c.author, id: "9" }, created_time: c.createdAt.toISOString() }];
    });
    return json(200, { data });
  }

  private container(req: RecordedRequest, igUser: string): FakeReply {
    const caption = this.param(req, "caption") ?? "";
    if ([...caption].length > 2200) return graphError("The caption is too long.", 100, { subcode: 2207010 });
    const mediaType = this.param(req, "media_type");
    if (mediaType === "CAROUSEL") {
      const children = (this.param(req, "children") ?? "").split(",").filter((c) => c !== "");
      for (const child of children) {
        const c = this.objects.get(child);
        if (!c || c.kind !== "container" || c.fields?.is_carousel_item !== true) return graphError(`(#100) Invalid children: ${child}`, 100, { subcode: 2207004 });
      }
      if (children.length < 2 || children.length > 10) return graphError("(#100) The carousel must have between 2 and 10 children.", 100);
      const carousel = this.store({ id: this.nextId(), kind: "container", owner: igUser, message: caption, children, containerStatus: "FINISHED" });
      return json(200, { id: carousel.id });
    }
    const imageUrl = this.param(req, "image_url");
    const videoUrl = this.param(req, "video_url");
    if (!imageUrl && !videoUrl) return graphError("(#100) The parameter image_url is required.", 100);
    if (imageUrl && !/\.jpe?g$/.test(imageUrl)) return graphError("Only photo or video can be accepted as media type.", 9004, { subcode: 2207052 });
    const isVideo = Boolean(videoUrl);
    const container = this.store({
      id: this.nextId(),
      kind: "container",
      owner: igUser,
      message: caption,
      containerStatus: this.containerFailure ? "ERROR" : isVideo && this.videoPollsBeforeFinished > 0 ? "IN_PROGRESS" : "FINISHED",
      pollsUntilFinished: isVideo ? this.videoPollsBeforeFinished : 0,
      fields: { media_type: mediaType ?? "IMAGE", is_carousel_item: req.body.is_carousel_item === true || this.param(req, "is_carousel_item") === "true", image_url: imageUrl, video_url: videoUrl, alt_text: this.param(req, "alt_text") },
    });
    return json(200, { id: container.id });
  }

  private mediaPublish(req: RecordedRequest, igUser: string): FakeReply {
    const container = this.objects.get(this.param(req, "creation_id") ?? "");
    if (!container || container.kind !== "container") return graphError("(#100) Invalid parameter", 100);
    if (container.containerStatus !== "FINISHED") return graphError("Media ID is not available", 9007, { subcode: 2207027 });
    container.containerStatus = "PUBLISHED";
    const type = container.fields?.media_type === "REELS" ? "VIDEO" : String(container.fields?.media_type ?? "IMAGE");
    const media = this.store({ id: `1790${this.nextId()}`, kind: "ig_media", owner: igUser, message: container.message, children: container.children, fields: { media_type: type } });
    return json(200, { id: media.id });
  }

  private recent(req: RecordedRequest, owner: string, kind: GraphObject["kind"]): FakeReply {
    const since = Number(req.query.get("since") ?? 0) * 1000;
    const visibleBefore = kind === "ig_media" ? this.now() : this.now() - this.feedLagMs;
    const data = [...this.objects.values()]
      .filter((o) => o.owner === owner && o.kind === kind && o.createdAt.getTime() >= since && o.createdAt.getTime() <= visibleBefore)
      .reverse()
      .map((o) => {
        const created = o.createdAt.toISOString().replace(/\.\d{3}Z$/, "+0000");
        if (kind === "ig_media") {
          const children = o.children ?? [];
          return { id: o.id, caption: o.message, permalink: `https://www.instagram.com/p/${o.id}/`, timestamp: created, media_type: children.length > 0 ? "CAROUSEL_ALBUM" : String(o.fields?.media_type ?? "IMAGE"), ...(children.length > 0 ? { children: { data: children.map((id) => ({ id })) } } : {}) };
        }
        if (kind === "video") return { id: o.id, description: o.message, created_time: created };
        const photos = o.attached ?? [];
        const attachment = photos.length > 1 ? { media_type: "album", subattachments: { data: photos.map((id) => ({ media_type: "photo", target: { id } })) } } : photos.length === 1 ? { media_type: "photo" } : /https?:\/\//.test(o.message ?? "") ? { media_type: "link" } : undefined;
        return { id: o.id, message: o.message, created_time: created, permalink_url: `https://www.facebook.com/${o.id}`, ...(attachment ? { attachments: { data: [attachment] } } : {}) };
      });
    return json(200, { data });
  }

  /** A page post made earlier (last week's post of a recurring series). */
  addOlderPost(pageId: string, message: string, ageMs: number): string {
    const post = this.store({ id: `${pageId}_${this.nextId()}`, kind: "post", owner: pageId, message, attached: [] });
    post.createdAt = new Date(this.now() - ageMs);
    return post.id;
  }

  /** Engagement the fake reports for a post (set by tests). */
  readonly stats = new Map<string, Record<string, number>>();

  private insights(req: RecordedRequest, id: string): FakeReply {
    const names = (req.query.get("metric") ?? "").split(",");
    const page = this.pages.find((p) => p.id === id || p.instagram?.id === id);
    const object = this.objects.get(id);
    if (!object && !page) return graphError(`Unsupported get request. Object with ID '${id}' does not exist.`, 100, { subcode: 33 });
    const kind = page ? (page.id === id ? "page" : "ig_user") : (object?.kind ?? "post");
    const invalid = names.find((name) => !(CURRENT_METRICS[kind] ?? []).includes(name));
    if (invalid) return graphError("(#100) The value must be a valid insights metric", 100);
    const values = this.stats.get(id) ?? {};
    const totalValue = req.query.get("metric_type") === "total_value";
    return json(200, {
      data: names.map((name) =>
        totalValue
          ? { name, period: "day", title: name, total_value: { value: values[name] ?? 0 }, id: `${id}/insights/${name}/day` }
          : { name, period: "lifetime", title: name, values: [{ value: values[name] ?? 0 }], id: `${id}/insights/${name}/lifetime` },
      ),
    });
  }

  private read(req: RecordedRequest, id: string): FakeReply {
    const fields = req.query.get("fields") ?? "id";
    const page = this.pages.find((p) => p.id === id);
    if (page) return json(200, { id, followers_count: page.followers, fan_count: page.followers - 50 });
    const ig = this.pages.find((p) => p.instagram?.id === id)?.instagram;
    if (ig) return json(200, { id, followers_count: ig.followers });
    const object = this.objects.get(id);
    if (!object) return graphError(`Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 100, { subcode: 33, type: "GraphMethodException" });
    if (object.kind === "container") {
      if (object.containerStatus === "IN_PROGRESS" && (object.pollsUntilFinished ?? 0) <= 0) object.containerStatus = "FINISHED";
      const status = object.containerStatus;
      if (object.pollsUntilFinished) object.pollsUntilFinished--;
      return json(200, { id, status_code: status, status: status === "ERROR" ? "Error: The video's aspect ratio is not supported (2207009)." : status });
    }
    const stats = this.stats.get(id) ?? {};
    const answer: Record<string, unknown> = { id };
    if (fields.includes("permalink_url")) answer.permalink_url = `https://www.facebook.com/${id}`;
    if (fields.includes("permalink")) answer.permalink = `https://www.instagram.com/p/${id}/`;
    if (fields.includes("shares")) answer.shares = { count: stats.shares ?? 0 };
    if (fields.includes("reactions")) answer.reactions = { data: [], summary: { total_count: stats.reactions ?? 0, viewer_reaction: "NONE" } };
    if (fields.includes("comments")) answer.comments = { data: [], summary: { order: "ranked", total_count: object.comments.length, can_comment: true } };
    return json(200, answer);
  }

  private remove(id: string): FakeReply {
    if (!this.objects.delete(id)) return graphError(`Unsupported delete request. Object with ID '${id}' does not exist.`, 100, { subcode: 33, type: "GraphMethodException" });
    return json(200, { success: true });
  }

  /** When set, new Instagram containers end in ERROR (the media could not be processed). */
  containerFailure = false;
}
