import { FakeHttpServer, json, type FakeReply, type RecordedRequest } from "./http-fake";

/**
 * A fake LinkedIn: OAuth 2 (www.linkedin.com/oauth/v2/accessToken), OpenID userinfo, and the
 * versioned REST API (LinkedIn-Version + X-Restli-Protocol-Version headers required) for
 * organizationAcls, organizations, Images and Videos upload, Posts, socialActions comments,
 * share statistics and follower counts. Errors use LinkedIn's `{ status, serviceErrorCode, code, message }`.
 */

export const LINKEDIN_APP = { id: "li-client", secret: "li-secret" };

interface Post {
  id: string;
  author: string;
  commentary: string;
  content?: Record<string, unknown>;
  comments: { id: string; actor: string; text: string; time: number }[];
}

export function linkedInError(status: number, message: string, code?: string, serviceErrorCode?: number, headers?: Record<string, string>): FakeReply {
  return json(status, { status, message, ...(code ? { code } : {}), ...(serviceErrorCode ? { serviceErrorCode } : {}) }, headers);
}

export class FakeLinkedInServer extends FakeHttpServer {
  readonly validTokens = new Set<string>();
  readonly refreshTokens = new Set<string>(["li-refresh-1"]);
  readonly posts = new Map<string, Post>();
  readonly images = new Map<string, number>();
  readonly videos = new Map<string, { parts: number; received: Map<number, number>; finalized: boolean; polls: number }>();
  readonly stats = new Map<string, Record<string, number>>();
  videoPartBytes = 4 * 1024 * 1024;
  private sequence = 7_000_000_000_000_000_000n;
  private issued = 0;

  constructor() {
    super();
    this.on("POST", "/oauth/v2/accessToken", (req) => this.token(req));
    this.on("GET", "/v2/userinfo", (req) => this.authed(req, () => json(200, { sub: "782bbtaQ", name: "Maria Baker", given_name: "Maria", picture: "https://media.licdn.com/maria.jpg", locale: { country: "US", language: "en" } })));
    this.rest("GET", "/rest/organizationAcls", () =>
      json(200, {
        elements: [
          { organization: "urn:li:organization:555", role: "ADMINISTRATOR", state: "APPROVED", roleAssignee: "urn:li:person:782bbtaQ" },
          { organization: "urn:li:organization:666", role: "ANALYST", state: "APPROVED", roleAssignee: "urn:li:person:782bbtaQ" },
        ],
        paging: { count: 100, start: 0, links: [] },
      }),
    );
    this.rest("GET", "/rest/organizations/:id", (_req, p) => json(200, { id: Number(p.id), localizedName: "Corner Bakery Inc.", vanityName: "corner-bakery" }));
    this.rest("POST", "/rest/images", (req) => this.imageInit(req));
    this.on("PUT", "/upload/image/:id", (req, p) => this.authed(req, () => this.imageUpload(req, p.id ?? "")));
    this.rest("POST", "/rest/videos", (req) => (req.query.get("action") === "finalizeUpload" ? this.videoFinalize(req) : this.videoInit(req)));
    this.on("PUT", "/upload/video/:id/:part", (req, p) => this.authed(req, () => this.videoPart(req, p.id ?? "", Number(p.part))));
    this.rest("GET", "/rest/videos/:urn", (_req, p) => this.videoStatus(p.urn ?? ""));
    this.rest("POST", "/rest/posts", (req) => this.createPost(req));
    this.rest("GET", "/rest/posts", (req) => this.findPosts(req));
    this.rest("GET", "/rest/posts/:urn", (_req, p) => {
      const post = this.posts.get(p.urn ?? "");
      return post ? json(200, { id: post.id, author: post.author, commentary: post.commentary, lifecycleState: "PUBLISHED", visibility: "PUBLIC" }) : linkedInError(404, `Post ${p.urn} not found`, "NOT_FOUND");
    });
    this.rest("DELETE", "/rest/posts/:urn", (_req, p) => (this.posts.delete(p.urn ?? "") ? { status: 204 } : linkedInError(404, "Not Found", "NOT_FOUND")));
    this.rest("POST", "/rest/socialActions/:urn/comments", (req, p) => this.comment(req, p.urn ?? ""));
    this.rest("GET", "/rest/socialActions/:urn/comments", (_req, p) => {
      const post = this.posts.get(p.urn ?? "");
      if (!post) return linkedInError(404, "Not Found", "NOT_FOUND");
      return json(200, { elements: post.comments.map((c) => ({ id: c.id, actor: c.actor, message: { text: c.text }, created: { time: c.time }, object: post.id })), paging: { count: 100, start: 0 } });
    });
    this.rest("GET", "/rest/socialActions/:urn", (_req, p) => {
      const post = this.posts.get(p.urn ?? "");
      const stats = this.stats.get(p.urn ?? "") ?? {};
      return json(200, { likesSummary: { totalLikes: stats.likeCount ?? 0, likedByCurrentUser: false }, commentsSummary: { aggregatedTotalComments: post?.comments.length ?? 0, totalFirstLevelComments: post?.comments.length ?? 0 } });
    });
    this.rest("GET", "/rest/organizationalEntityShareStatistics", (req) => this.shareStatistics(req));
    this.rest("GET", "/rest/networkSizes/:urn", (req) => (req.query.get("edgeType") === "COMPANY_FOLLOWED_BY_MEMBER" ? json(200, { firstDegreeSize: 4321 }) : linkedInError(400, "Invalid edgeType")));
    this.rest("GET", "/rest/memberFollowersCount", () => json(200, { elements: [{ memberFollowersCount: 987 }], paging: { count: 10, start: 0 } }));
  }

  private rest(method: string, pattern: string, handler: (req: RecordedRequest, params: Record<string, string>) => FakeReply): void {
    this.on(method, pattern, (req, params) =>
      this.authed(req, () => {
        if (!/^\d{6}$/.test(String(req.headers["linkedin-version"] ?? ""))) return linkedInError(426, "A version must be present. Please specify a version by adding the LinkedIn-Version header.", "VERSION_MISSING");
        if (req.headers["x-restli-protocol-version"] !== "2.0.0") return linkedInError(400, "Rest.li protocol 2.0.0 is required", "PROTOCOL_VERSION");
        return handler(req, params);
      }),
    );
  }

  private authed(req: RecordedRequest, next: () => FakeReply): FakeReply {
    if (!req.bearer || !this.validTokens.has(req.bearer)) return linkedInError(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600);
    return next();
  }

  private token(req: RecordedRequest): FakeReply {
    const form = req.body;
    if (form.client_id !== LINKEDIN_APP.id || form.client_secret !== LINKEDIN_APP.secret) return json(401, { error: "invalid_client", error_description: "Client authentication failed" });
    if (form.grant_type === "authorization_code" && form.code !== "good-code") {
      return json(400, { error: "invalid_request", error_description: "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired." });
    }
    if (form.grant_type === "refresh_token" && !this.refreshTokens.has(String(form.refresh_token))) {
      return json(400, { error: "invalid_request", error_description: "The provided authorization grant or refresh token is invalid, expired or revoked." });
    }
    const access = `li-access-${++this.issued}`;
    this.validTokens.add(access);
    return json(200, {
      access_token: access,
      expires_in: 5_184_000,
      refresh_token: "li-refresh-1",
      refresh_token_expires_in: form.grant_type === "refresh_token" ? 25_000_000 : 31_536_000,
      scope: "openid,profile,w_member_social,w_organization_social,r_organization_social,rw_organization_admin",
    });
  }

  private nextUrn(kind: string): string {
    this.sequence += 1n;
    return `urn:li:${kind}:${this.sequence}`;
  }

  private imageInit(req: RecordedRequest): FakeReply {
    if (req.query.get("action") !== "initializeUpload") return linkedInError(400, "Unsupported action");
    const request = req.body.initializeUploadRequest as { owner?: string } | undefined;
    if (!request?.owner) return linkedInError(422, "ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value");
    const urn = this.nextUrn("image").replace(/:(\d+)$/, ":C4E10AQ$1");
    const id = String(this.images.size + 1);
    this.images.set(urn, -1);
    this.uploadTargets.set(id, urn);
    return json(200, { value: { uploadUrlExpiresAt: Date.now() + 86_400_000, uploadUrl: `${this.baseUrl}/upload/image/${id}`, image: urn } });
  }

  private readonly uploadTargets = new Map<string, string>();

  private imageUpload(req: RecordedRequest, id: string): FakeReply {
    const urn = this.uploadTargets.get(id);
    if (!urn) return { status: 404 };
    this.images.set(urn, req.raw.length);
    return { status: 201 };
  }

  private videoInit(req: RecordedRequest): FakeReply {
    const request = req.body.initializeUploadRequest as { owner?: string; fileSizeBytes?: number } | undefined;
    if (!request?.owner || !request.fileSizeBytes) return linkedInError(422, "ERROR :: /initializeUploadRequest/fileSizeBytes :: field is required but not found and has no default value");
    const urn = this.nextUrn("video").replace(/:(\d+)$/, ":C5F10AQ$1");
    const parts = Math.ceil(request.fileSizeBytes / this.videoPartBytes);
    this.videos.set(urn, { parts, received: new Map(), finalized: false, polls: 0 });
    const uploadInstructions = Array.from({ length: parts }, (_, i) => ({
      uploadUrl: `${this.baseUrl}/upload/video/${encodeURIComponent(urn)}/${i}`,
      firstByte: i * this.videoPartBytes,
      lastByte: Math.min((i + 1) * this.videoPartBytes, request.fileSizeBytes ?? 0) - 1,
    }));
    return json(200, { value: { uploadUrlsExpireAt: Date.now() + 86_400_000, video: urn, uploadInstructions, uploadToken: "" } });
  }

  private videoPart(req: RecordedRequest, urn: string, part: number): FakeReply {
    const video = this.videos.get(urn);
    if (!video) return { status: 404 };
    video.received.set(part, req.raw.length);
    return { status: 200, headers: { etag: `"etag-${part}"` } };
  }

  private videoFinalize(req: RecordedRequest): FakeReply {
    const request = req.body.finalizeUploadRequest as { video?: string; uploadedPartIds?: string[] } | undefined;
    const video = this.videos.get(request?.video ?? "");
    if (!video) return linkedInError(404, "Video not found");
    const expected = Array.from({ length: video.parts }, (_, i) => `"etag-${i}"`);
    if (JSON.stringify(request?.uploadedPartIds) !== JSON.stringify(expected)) return linkedInError(400, "Uploaded part ids do not match the upload instructions");
    video.finalized = true;
    return { status: 200 };
  }

  private videoStatus(urn: string): FakeReply {
    const video = this.videos.get(urn);
    if (!video) return linkedInError(404, "Not Found", "NOT_FOUND");
    video.polls++;
    return json(200, { id: urn, status: video.finalized && video.polls > 1 ? "AVAILABLE" : "PROCESSING" });
  }

  private createPost(req: RecordedRequest): FakeReply {
    const body = req.body as { author?: string; commentary?: string; content?: Record<string, unknown>; lifecycleState?: string; distribution?: unknown; visibility?: string };
    if (!body.author || body.commentary === undefined || !body.distribution || !body.visibility || !body.lifecycleState) {
      return linkedInError(422, "ERROR :: /distribution :: field is required but not found and has no default value");
    }
    if (body.commentary.length > 3000) return linkedInError(422, "ERROR :: /commentary :: length of string exceeds maximum of 3000");
    const duplicate = [...this.posts.values()].find((p) => p.author === body.author && p.commentary === body.commentary);
    if (duplicate) return linkedInError(422, `Content is a duplicate of ${duplicate.id}`);
    for (const id of mediaIds(body.content)) {
      if ((this.images.get(id) ?? 0) <= 0 && !this.videos.get(id)?.finalized) return linkedInError(400, `Media ${id} is not uploaded`);
    }
    const urn = this.nextUrn("share");
    this.posts.set(urn, { id: urn, author: body.author, commentary: body.commentary, content: body.content, comments: [] });
    return { status: 201, headers: { "x-restli-id": urn, "x-linkedin-id": urn } };
  }

  private findPosts(req: RecordedRequest): FakeReply {
    const author = req.query.get("author");
    const elements = [...this.posts.values()].filter((p) => p.author === author).reverse().map((p) => ({ id: p.id, author: p.author, commentary: p.commentary, lifecycleState: "PUBLISHED" }));
    return json(200, { elements, paging: { start: 0, count: 20, total: elements.length } });
  }

  private comment(req: RecordedRequest, urn: string): FakeReply {
    const post = this.posts.get(urn);
    if (!post) return linkedInError(404, "Not Found", "NOT_FOUND");
    const body = req.body as { actor?: string; object?: string; message?: { text?: string } };
    if (body.object !== urn || !body.actor || !body.message?.text) return linkedInError(422, "ERROR :: /message/text :: field is required but not found");
    const id = String(7_100_000 + post.comments.length);
    post.comments.push({ id, actor: body.actor, text: body.message.text, time: Date.now() });
    const commentUrn = `urn:li:comment:(${urn},${id})`;
    return json(201, { id, actor: body.actor, object: urn, message: { text: body.message.text }, commentUrn }, { "x-restli-id": commentUrn });
  }

  addVisitorComment(urn: string, actor: string, text: string): void {
    this.posts.get(urn)?.comments.push({ id: String(Date.now()), actor, text, time: Date.now() });
  }

  private shareStatistics(req: RecordedRequest): FakeReply {
    if (req.query.get("q") !== "organizationalEntity") return linkedInError(400, "Invalid finder");
    const org = req.query.get("organizationalEntity") ?? "";
    const list = req.query.get("shares") ?? req.query.get("ugcPosts");
    const target = list ? /^List\((.*)\)$/.exec(list)?.[1] : undefined;
    if (list && !target) return linkedInError(400, `Invalid list syntax: ${list}`);
    const stats = this.stats.get(target ?? org) ?? {};
    return json(200, {
      elements: [
        {
          organizationalEntity: org,
          ...(target ? { share: target } : {}),
          totalShareStatistics: { uniqueImpressionsCount: stats.uniqueImpressionsCount ?? 0, shareCount: stats.shareCount ?? 0, engagement: 0.05, clickCount: stats.clickCount ?? 0, likeCount: stats.likeCount ?? 0, impressionCount: stats.impressionCount ?? 0, commentCount: stats.commentCount ?? 0 },
        },
      ],
      paging: { count: 10, start: 0 },
    });
  }
}

function mediaIds(content: Record<string, unknown> | undefined): string[] {
  if (!content) return [];
  const media = content.media as { id?: string } | undefined;
  const multi = content.multiImage as { images?: { id: string }[] } | undefined;
  return [...(media?.id ? [media.id] : []), ...(multi?.images?.map((i) => i.id) ?? [])];
}
