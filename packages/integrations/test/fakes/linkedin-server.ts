import { FakeHttpServer, json, type FakeReply, type RecordedRequest } from "./http-fake";

/**
 * A fake LinkedIn as strict as the real one on first contact:
 * - one app, one mode: a "member" app (Share on LinkedIn + OpenID Connect) may ask only for
 *   `openid profile email w_member_social`; an "organization" app (Community Management API as
 *   its only product) only for its own scopes. Consent for any other scope is refused as a whole
 *   (`unauthorized_scope_error`), as LinkedIn does.
 * - access tokens expire after 60 days; only organization (partner) apps get a refresh token,
 *   which is not rotated and keeps its original 365-day end.
 * - OpenID userinfo needs `openid`, /v2/me needs `r_basicprofile`; reading posts, social actions
 *   and statistics needs `r_organization_social` and an organization author — member posts are
 *   unreadable without the restricted `r_member_social` (403 ACCESS_DENIED).
 * - the versioned REST API needs LinkedIn-Version (an inactive one answers 426
 *   NONEXISTENT_VERSION on every call) and X-Restli-Protocol-Version.
 * - duplicate commentary is refused (422 DUPLICATE_POST), and the Posts finder shows a new post
 *   only after `finderLagMs`.
 * Errors use LinkedIn's `{ status, serviceErrorCode, code, message }`.
 */

export const LINKEDIN_APP = { id: "li-client", secret: "li-secret" };

export type FakeLinkedInMode = "member" | "organization";

const APP_SCOPES: Record<FakeLinkedInMode, readonly string[]> = {
  member: ["openid", "profile", "email", "w_member_social"],
  organization: ["r_basicprofile", "w_member_social", "w_organization_social", "r_organization_social", "rw_organization_admin", "r_organization_followers"],
};

/** Versions LinkedIn's migrations page lists as active on 2026-12-02 (202511 was sunset on 2026-11-16; there was no 202512). */
export const ACTIVE_LINKEDIN_VERSIONS = ["202601", "202602", "202603", "202604", "202605", "202606", "202607"];

export const LINKEDIN_MEMBER = { id: "782bbtaQ", name: "Maria Baker" };

const ACCESS_TOKEN_SECONDS = 5_184_000;
const REFRESH_TOKEN_SECONDS = 31_536_000;

interface Grant {
  scopes: string[];
  expiresAt: number;
}

interface Post {
  id: string;
  author: string;
  commentary: string;
  content?: Record<string, unknown>;
  createdAt: number;
  comments: { id: string; actor: string; text: string; time: number }[];
}

export function linkedInError(status: number, message: string, code?: string, serviceErrorCode?: number, headers?: Record<string, string>): FakeReply {
  return json(status, { status, message, ...(code ? { code } : {}), ...(serviceErrorCode ? { serviceErrorCode } : {}) }, headers);
}

export class FakeLinkedInServer extends FakeHttpServer {
  mode: FakeLinkedInMode = "organization";
  readonly activeVersions = new Set(ACTIVE_LINKEDIN_VERSIONS);
  /** Access token → its scopes and end (fake clock). */
  readonly validTokens = new Map<string, Grant>();
  /** Refresh token → the scopes it renews and its fixed end. */
  readonly refreshTokens = new Map<string, Grant>();
  /** Authorization codes the consent screen handed out. */
  readonly codes = new Map<string, string[]>();
  readonly posts = new Map<string, Post>();
  finderLagMs = 0;
  readonly images = new Map<string, number>();
  readonly videos = new Map<string, { parts: number; received: Map<number, number>; finalized: boolean; polls: number }>();
  readonly stats = new Map<string, Record<string, number>>();
  videoPartBytes = 4 * 1024 * 1024;
  private sequence = 7_000_000_000_000_000_000n;
  private issued = 0;

  constructor() {
    super();
    this.on("GET", "/oauth/v2/authorization", (req) => this.consent(req));
    this.on("POST", "/oauth/v2/accessToken", (req) => this.token(req));
    this.on("GET", "/v2/userinfo", (req) =>
      this.authed(req, (grant) =>
        grant.scopes.includes("openid")
          ? json(200, { sub: LINKEDIN_MEMBER.id, name: LINKEDIN_MEMBER.name, given_name: "Maria", picture: "https://media.licdn.com/maria.jpg", locale: { country: "US", language: "en" } })
          : linkedInError(403, "Not enough permissions to access: userinfo.GET.NO_VERSION", "ACCESS_DENIED", 100),
      ),
    );
    this.on("GET", "/v2/me", (req) =>
      this.authed(req, (grant) =>
        grant.scopes.includes("r_basicprofile")
          ? json(200, { id: LINKEDIN_MEMBER.id, localizedFirstName: "Maria", localizedLastName: "Baker", vanityName: "mariabaker" })
          : linkedInError(403, "Not enough permissions to access: me.GET.NO_VERSION", "ACCESS_DENIED", 100),
      ),
    );
    const orgRead = () => "r_organization_social";
    const orgAdmin = () => "rw_organization_admin";
    /** Posting as an organization needs w_organization_social, as a member w_member_social. */
    const writeAs = (author: string | undefined) => (author?.startsWith("urn:li:organization:") ? "w_organization_social" : "w_member_social");
    /** Reading anything about a member's post needs the restricted r_member_social. */
    const readOf = (urn: string) => (this.posts.get(urn)?.author.startsWith("urn:li:person:") ? "r_member_social" : "r_organization_social");
    this.rest("GET", "/rest/organizationAcls", () =>
      json(200, {
        elements: [
          { organization: "urn:li:organization:555", role: "ADMINISTRATOR", state: "APPROVED", roleAssignee: "urn:li:person:782bbtaQ" },
          { organization: "urn:li:organization:666", role: "ANALYST", state: "APPROVED", roleAssignee: "urn:li:person:782bbtaQ" },
        ],
        paging: { count: 100, start: 0, links: [] },
      }),
      orgAdmin,
    );
    this.rest("GET", "/rest/organizations/:id", (_req, p) => json(200, { id: Number(p.id), localizedName: "Corner Bakery Inc.", vanityName: "corner-bakery" }), orgAdmin);
    this.rest("POST", "/rest/images", (req) => this.imageInit(req), (req) => writeAs((req.body.initializeUploadRequest as { owner?: string } | undefined)?.owner));
    this.on("PUT", "/upload/image/:id", (req, p) => this.authed(req, () => this.imageUpload(req, p.id ?? "")));
    this.rest("POST", "/rest/videos", (req) => (req.query.get("action") === "finalizeUpload" ? this.videoFinalize(req) : this.videoInit(req)));
    this.on("PUT", "/upload/video/:id/:part", (req, p) => this.authed(req, () => this.videoPart(req, p.id ?? "", Number(p.part))));
    this.rest("GET", "/rest/videos/:urn", (_req, p) => this.videoStatus(p.urn ?? ""));
    this.rest("POST", "/rest/posts", (req) => this.createPost(req), (req) => writeAs(String(req.body.author ?? "")));
    this.rest("GET", "/rest/posts", (req) => this.findPosts(req), (req) => (String(req.query.get("author")).startsWith("urn:li:person:") ? "r_member_social" : "r_organization_social"));
    this.rest(
      "GET",
      "/rest/posts/:urn",
      (_req, p) => {
        const post = this.posts.get(p.urn ?? "");
        return post ? json(200, { id: post.id, author: post.author, commentary: post.commentary, createdAt: post.createdAt, lifecycleState: "PUBLISHED", visibility: "PUBLIC" }) : linkedInError(404, `Post ${p.urn} not found`, "NOT_FOUND");
      },
      (_req, p) => readOf(p.urn ?? ""),
    );
    this.rest("DELETE", "/rest/posts/:urn", (_req, p) => (this.posts.delete(p.urn ?? "") ? { status: 204 } : linkedInError(404, "Not Found", "NOT_FOUND")), (_req, p) => writeAs(this.posts.get(p.urn ?? "")?.author));
    this.rest("POST", "/rest/socialActions/:urn/comments", (req, p) => this.comment(req, p.urn ?? ""), (req) => writeAs(String(req.body.actor ?? "")));
    this.rest(
      "GET",
      "/rest/socialActions/:urn/comments",
      (_req, p) => {
        const post = this.posts.get(p.urn ?? "");
        if (!post) return linkedInError(404, "Not Found", "NOT_FOUND");
        return json(200, { elements: post.comments.map((c) => ({ id: c.id, actor: c.actor, message: { text: c.text }, created: { time: c.time }, object: post.id })), paging: { count: 100, start: 0 } });
      },
      (_req, p) => readOf(p.urn ?? ""),
    );
    this.rest("GET", "/rest/organizationalEntityShareStatistics", (req) => this.shareStatistics(req), orgAdmin);
    this.rest("GET", "/rest/networkSizes/:urn", (req) => (req.query.get("edgeType") === "COMPANY_FOLLOWED_BY_MEMBER" ? json(200, { firstDegreeSize: 4321 }) : linkedInError(400, "Invalid edgeType")), orgRead);
    this.rest("GET", "/rest/memberFollowersCount", () => json(200, { elements: [{ memberFollowersCount: 987 }], paging: { count: 10, start: 0 } }), () => "r_member_profileAnalytics");
  }

  /** Every versioned call: the token, then the scope it needs, then the two version headers. */
  private rest(method: string, pattern: string, handler: (req: RecordedRequest, params: Record<string, string>) => FakeReply, needs?: (req: RecordedRequest, params: Record<string, string>) => string | null): void {
    this.on(method, pattern, (req, params) =>
      this.authed(req, (grant) => {
        const version = String(req.headers["linkedin-version"] ?? "");
        if (version === "") return linkedInError(426, "A version must be present. Please specify a version by adding the LinkedIn-Version header.", "VERSION_MISSING");
        if (!this.activeVersions.has(version)) return linkedInError(426, `Requested version ${version}01 is not active`, "NONEXISTENT_VERSION");
        if (req.headers["x-restli-protocol-version"] !== "2.0.0") return linkedInError(400, "Rest.li protocol 2.0.0 is required", "PROTOCOL_VERSION");
        const scope = needs?.(req, params);
        if (scope && !grant.scopes.includes(scope)) return linkedInError(403, `Not enough permissions to access: ${method} ${pattern}`, "ACCESS_DENIED", 100);
        return handler(req, params);
      }),
    );
  }

  /** A token as a test would hold after connecting (all of the mode's scopes, 60 days). */
  grantToken(token: string, scopes: readonly string[] = APP_SCOPES[this.mode]): void {
    this.validTokens.set(token, { scopes: [...scopes], expiresAt: this.now() + ACCESS_TOKEN_SECONDS * 1000 });
  }

  private authed(req: RecordedRequest, next: (grant: Grant) => FakeReply): FakeReply {
    const grant = req.bearer ? this.validTokens.get(req.bearer) : undefined;
    if (!grant || grant.expiresAt <= this.now()) return linkedInError(401, "Invalid access token", "INVALID_ACCESS_TOKEN", 65600);
    return next(grant);
  }

  /** The consent screen: a scope the app's products do not include refuses the whole request. */
  private consent(req: RecordedRequest): FakeReply {
    const redirect = req.query.get("redirect_uri") ?? "";
    const state = req.query.get("state") ?? "";
    if (req.query.get("client_id") !== LINKEDIN_APP.id) return json(400, { error: "invalid_client_id" });
    const requested = (req.query.get("scope") ?? "").split(" ").filter((scope) => scope !== "");
    const refused = requested.find((scope) => !APP_SCOPES[this.mode].includes(scope));
    const target = new URL(redirect);
    if (refused) {
      target.searchParams.set("error", "unauthorized_scope_error");
      target.searchParams.set("error_description", `Scope "${refused}" is not authorized for your application`);
    } else {
      const code = `li-code-${++this.issued}`;
      this.codes.set(code, requested);
      target.searchParams.set("code", code);
    }
    target.searchParams.set("state", state);
    return { status: 303, headers: { location: target.toString() } };
  }

  private token(req: RecordedRequest): FakeReply {
    const form = req.body;
    if (form.client_id !== LINKEDIN_APP.id || form.client_secret !== LINKEDIN_APP.secret) return json(401, { error: "invalid_client", error_description: "Client authentication failed" });
    let scopes: string[];
    let refresh: { token: string; grant: Grant } | null = null;
    if (form.grant_type === "authorization_code") {
      const granted = form.code === "good-code" ? [...APP_SCOPES[this.mode]] : this.codes.get(String(form.code));
      if (!granted) {
        return json(400, { error: "invalid_request", error_description: "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired." });
      }
      this.codes.delete(String(form.code));
      scopes = granted;
      if (this.mode === "organization") {
        refresh = { token: `li-refresh-${this.issued + 1}`, grant: { scopes, expiresAt: this.now() + REFRESH_TOKEN_SECONDS * 1000 } };
        this.refreshTokens.set(refresh.token, refresh.grant);
      }
    } else if (form.grant_type === "refresh_token") {
      const grant = this.refreshTokens.get(String(form.refresh_token));
      if (!grant || grant.expiresAt <= this.now()) {
        return json(400, { error: "invalid_request", error_description: "The provided authorization grant or refresh token is invalid, expired or revoked." });
      }
      scopes = grant.scopes;
      // Not rotated: the same refresh token comes back with the time it has left.
      refresh = { token: String(form.refresh_token), grant };
    } else {
      return json(400, { error: "unsupported_grant_type", error_description: "Unsupported grant type" });
    }
    const access = `li-access-${++this.issued}`;
    this.grantToken(access, scopes);
    return json(200, {
      access_token: access,
      expires_in: ACCESS_TOKEN_SECONDS,
      ...(refresh ? { refresh_token: refresh.token, refresh_token_expires_in: Math.floor((refresh.grant.expiresAt - this.now()) / 1000) } : {}),
      scope: scopes.join(","),
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
    if (duplicate) {
      return json(422, {
        errorDetailType: "com.linkedin.common.error.BadRequest",
        message: `com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${duplicate.id}`,
        errorDetails: { inputErrors: [{ description: "Duplicate post is detected", input: {}, code: "DUPLICATE_POST" }] },
        status: 422,
      });
    }
    for (const id of mediaIds(body.content)) {
      if ((this.images.get(id) ?? 0) <= 0 && !this.videos.get(id)?.finalized) return linkedInError(400, `Media ${id} is not uploaded`);
    }
    const urn = this.nextUrn("share");
    this.posts.set(urn, { id: urn, author: body.author, commentary: body.commentary, content: body.content, createdAt: this.now(), comments: [] });
    return { status: 201, headers: { "x-restli-id": urn, "x-linkedin-id": urn } };
  }

  private findPosts(req: RecordedRequest): FakeReply {
    if (req.query.get("q") !== "author") return linkedInError(400, "Invalid finder");
    const author = req.query.get("author");
    const count = Number(req.query.get("count") ?? 10);
    if (!Number.isInteger(count) || count < 1 || count > 100) return linkedInError(400, "count must be between 1 and 100");
    const visibleBefore = this.now() - this.finderLagMs;
    const elements = [...this.posts.values()]
      .filter((p) => p.author === author && p.createdAt <= visibleBefore)
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, count)
      .map((p) => ({ id: p.id, author: p.author, commentary: p.commentary, createdAt: p.createdAt, publishedAt: p.createdAt, lastModifiedAt: p.createdAt, lifecycleState: "PUBLISHED", ...(p.content ? { content: p.content } : {}) }));
    return json(200, { elements, paging: { start: 0, count, total: elements.length } });
  }

  /** A post the author made earlier (last week's post of a recurring series). */
  addOlderPost(author: string, commentary: string, ageMs: number): string {
    const urn = this.nextUrn("share");
    this.posts.set(urn, { id: urn, author, commentary, createdAt: this.now() - ageMs, comments: [] });
    return urn;
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
