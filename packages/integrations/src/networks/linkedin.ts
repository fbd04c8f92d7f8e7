import { z } from "zod";
import { NetworkError, type AccountAuth, type ConnectedProfile, type ContentRules, type RemotePost, type NetworkAdapter, type PublishMedia, type PublishRequest, type TokenSet } from "../types";
import { validateAgainstRules } from "../validation";
import {
  postFirstComment,
  baseUrls,
  chunksOf,
  createdSince,
  firstComment,
  foundPost,
  lookupUnsupported,
  NOT_VISIBLE,
  oauthTokenSchema,
  pollerFrom,
  pollUntil,
  refreshOrReconnect,
  sameText,
  singleVideoIssues,
  tokenSetFrom,
  unlessNotFound,
} from "./common";
import { createHttpClient, isRecord, type ErrorContext, type ErrorDescription, type HttpRequest, type NetworkAdapterConfig } from "./http";

const MB = 1024 * 1024;

export const LINKEDIN_RULES: ContentRules = {
  maxTextLength: 3000,
  maxMedia: 20,
  requiresMedia: false,
  allowsMixedMedia: false,
  maxImageBytes: 10 * MB,
  maxVideoBytes: 500 * MB,
  maxVideoSeconds: 30 * 60,
  imageTypes: ["image/jpeg", "image/png", "image/gif"],
  videoTypes: ["video/mp4"],
  supportsFirstComment: true,
  supportsCarousel: true,
};

/**
 * One LinkedIn app cannot do both: the Community Management API must be the only product on its
 * app, and LinkedIn refuses the whole consent (`unauthorized_scope_error`) when one requested scope
 * is not granted to the app. So the deployment picks one mode:
 * - `member`: "Share on LinkedIn" + "Sign In with LinkedIn using OpenID Connect" (self-serve) —
 *   members post as themselves; identity from OpenID userinfo.
 * - `organization`: an app with only the Community Management API — pages the member administers,
 *   and the member too (w_member_social is part of it); no OpenID there, so identity from /v2/me.
 */
export const LINKEDIN_APP_MODES = ["member", "organization"] as const;
export type LinkedInAppMode = (typeof LINKEDIN_APP_MODES)[number];

export const LINKEDIN_SCOPES: Record<LinkedInAppMode, readonly string[]> = {
  member: ["openid", "profile", "w_member_social"],
  organization: ["r_basicprofile", "w_member_social", "w_organization_social", "r_organization_social", "rw_organization_admin"],
};

/**
 * The Marketing API version pinned by default (LinkedIn-Version: YYYYMM). Versions are monthly,
 * some months have none (there is no 202512), each is served for at least a year, and a version
 * that is not active answers 426 NONEXISTENT_VERSION on every call. 202607 (July 2026) is in
 * LinkedIn's recent-changes list; override with LINKEDIN_API_VERSION.
 */
export const LINKEDIN_VERSION = "202607";

/**
 * A version LinkedIn can still serve: YYYYMM (optionally a .NN patch), a real month, not in the
 * future, and no more than 12 months old (LinkedIn keeps a version for a year and sunsets it in
 * the middle of its anniversary month: 202510 on 2026-10-15). Null when fine, else why not —
 * checked when the adapter is configured, since an inactive version fails every call.
 */
export function linkedInVersionProblem(version: string, now: Date = new Date()): string | null {
  const match = /^(\d{4})(\d{2})(?:\.\d{2})?$/.exec(version);
  const month = match ? Number(match[2]) : 0;
  if (!match || month < 1 || month > 12) return `LINKEDIN_API_VERSION must be a LinkedIn Marketing API version like ${LINKEDIN_VERSION} (YYYYMM), not "${version}".`;
  const age = (now.getUTCFullYear() - Number(match[1])) * 12 + (now.getUTCMonth() + 1 - month);
  if (age < 0) return `LinkedIn API version ${version} is in the future; LinkedIn has not released it.`;
  if (age > 12) return `LinkedIn API version ${version} is more than a year old and no longer served (LinkedIn answers 426 to it); set LINKEDIN_API_VERSION to a current version.`;
  return null;
}

export interface LinkedInAdapterConfig extends NetworkAdapterConfig {
  /** Default "member". */
  mode?: LinkedInAppMode;
  /** Default LINKEDIN_VERSION. */
  apiVersion?: string;
}

/**
 * No documented bound for how soon a new post shows in the Posts finder (q=author); this is a
 * conservative allowance. Member posts cannot be looked up at all (see findPublished).
 */
export const LINKEDIN_LOOKUP_LAG_MS = 10 * 60_000;

const MEMBER_READS_UNAVAILABLE =
  "LinkedIn does not let apps read a member's own posts, their metrics or comments (that needs r_member_social, which LinkedIn grants to few partners); only organization pages can be read back.";

const NAME = "LinkedIn";
const POSTING_ROLES = new Set(["ADMINISTRATOR", "CONTENT_ADMINISTRATOR"]);

const userinfoSchema = z.object({ sub: z.string(), name: z.string().optional(), picture: z.string().optional() });
const meSchema = z.object({ id: z.string(), localizedFirstName: z.string().optional(), localizedLastName: z.string().optional(), vanityName: z.string().optional() });
const aclsSchema = z.object({ elements: z.array(z.object({ organization: z.string(), role: z.string(), state: z.string() })) });
const organizationSchema = z.object({ id: z.coerce.string(), localizedName: z.string(), vanityName: z.string().optional() });
const imageInitSchema = z.object({ value: z.object({ uploadUrl: z.string(), image: z.string() }) });
const videoInitSchema = z.object({
  value: z.object({
    video: z.string(),
    uploadToken: z.string().default(""),
    uploadInstructions: z.array(z.object({ uploadUrl: z.string(), firstByte: z.number(), lastByte: z.number() })).min(1),
  }),
});
const videoStatusSchema = z.object({ status: z.string() });
const postSchema = z.object({ id: z.string().optional(), lifecycleState: z.string().optional() });
const foundPostSchema = z.object({
  id: z.string(),
  commentary: z.string().optional(),
  createdAt: z.number().optional(),
  lifecycleState: z.string().optional(),
  content: z
    .object({ media: z.object({ id: z.string() }).optional(), multiImage: z.object({ images: z.array(z.object({ id: z.string() })) }).optional() })
    .loose()
    .optional(),
});
const postsSchema = z.object({ elements: z.array(foundPostSchema) });
const commentCreatedSchema = z.object({ id: z.string().optional(), commentUrn: z.string().optional() }).optional();
const shareStatsSchema = z.object({
  elements: z.array(
    z.object({
      totalShareStatistics: z.object({
        impressionCount: z.number().default(0),
        uniqueImpressionsCount: z.number().default(0),
        clickCount: z.number().default(0),
        likeCount: z.number().default(0),
        commentCount: z.number().default(0),
        shareCount: z.number().default(0),
      }),
    }),
  ),
});
const commentsSchema = z.object({
  elements: z.array(z.object({ id: z.string(), actor: z.string(), message: z.object({ text: z.string() }), created: z.object({ time: z.number() }) })),
});

export function interpretLinkedInError(context: ErrorContext, fallback: ErrorDescription): ErrorDescription {
  const body = isRecord(context.body) ? context.body : {};
  // "com.linkedin…Exception: Content is a duplicate of urn:li:share:…": LinkedIn's words without the Java class.
  const message = fallback.message.replace(/^(?:[\w.]+Exception: )+/, "");
  if (context.status === 429 && !context.headers.has("retry-after")) {
    // LinkedIn's application and member quotas are daily and reset at midnight UTC.
    const now = context.now;
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    return { ...fallback, message, retryAfterSeconds: Math.max(60, Math.ceil((midnight - now.getTime()) / 1000)) };
  }
  if (context.status === 426) {
    // Every call fails until the deployment pins a version LinkedIn serves: not the account's fault.
    return { code: "UNKNOWN", message: `${message} — LinkedIn no longer serves the version of its API this installation uses. Your administrator needs to update it (see the platform status page).` };
  }
  if (context.status === 422 && (hasInputErrorCode(body, "DUPLICATE_POST") || /duplicate of urn:li:/i.test(message))) return { code: "DUPLICATE_CONTENT", message };
  return { ...fallback, message };
}

function hasInputErrorCode(body: Record<string, unknown>, code: string): boolean {
  const details = body.errorDetails;
  const inputErrors = isRecord(details) && Array.isArray(details.inputErrors) ? details.inputErrors : [];
  return inputErrors.some((e: unknown) => isRecord(e) && e.code === code);
}

/** How many media a post carries, whether we are building it or LinkedIn returned it. */
function mediaCount(content: z.output<typeof foundPostSchema>["content"]): number {
  if (!content) return 0;
  if (content.multiImage) return content.multiImage.images.length;
  return content.media ? 1 : 0;
}

/**
 * LinkedIn's Posts API (versioned REST). Connecting yields the member and every organization page
 * the member administers; `externalId` is the author URN (urn:li:person:… or urn:li:organization:…).
 */
export function createLinkedInAdapter(config: LinkedInAdapterConfig): NetworkAdapter {
  const mode = config.mode ?? "member";
  const version = config.apiVersion ?? LINKEDIN_VERSION;
  const versionProblem = linkedInVersionProblem(version, config.now?.() ?? new Date());
  // Fail at configuration, not on every call with a 426.
  if (versionProblem) throw new Error(versionProblem);
  const scopes = LINKEDIN_SCOPES[mode];
  const http = createHttpClient({ network: "LINKEDIN", displayName: NAME, fetch: config.fetch, timeoutMs: config.timeoutMs, interpretError: interpretLinkedInError, now: config.now });
  const { api, auth } = baseUrls(config, { api: "https://api.linkedin.com", auth: "https://www.linkedin.com" });
  const poller = pollerFrom(config);
  const rest = (token: string, request: Omit<HttpRequest, "token">): HttpRequest => ({
    ...request,
    token,
    headers: { "linkedin-version": version, "x-restli-protocol-version": "2.0.0", ...request.headers },
  });

  /** OpenID userinfo where the token has `openid`; /v2/me (r_basicprofile) where it does not. */
  async function member(tokens: TokenSet): Promise<ConnectedProfile> {
    const granted = tokens.scopes ?? scopes;
    if (granted.includes("openid")) {
      const me = await http.json({ url: `${api}/v2/userinfo`, token: tokens.accessToken }, userinfoSchema);
      return { externalId: `urn:li:person:${me.sub}`, name: me.name ?? me.sub, avatarUrl: me.picture ?? null, metadata: { kind: "member" } };
    }
    const me = await http.json({ url: `${api}/v2/me`, token: tokens.accessToken }, meSchema);
    const name = [me.localizedFirstName, me.localizedLastName].filter((part) => part).join(" ");
    return { externalId: `urn:li:person:${me.id}`, name: name || me.id, handle: me.vanityName ?? null, metadata: { kind: "member" } };
  }

  function memberReadsUnavailable(): never {
    throw new NetworkError("LINKEDIN", "UNAVAILABLE", MEMBER_READS_UNAVAILABLE, { retryable: false });
  }

  const tokenRequest = (form: Record<string, string>) =>
    http.json({ method: "POST", url: `${auth}/oauth/v2/accessToken`, form: { ...form, client_id: config.clientId, client_secret: config.clientSecret } }, oauthTokenSchema);

  async function organizations(token: string): Promise<ConnectedProfile[]> {
    let acls: z.output<typeof aclsSchema>;
    try {
      acls = await http.json(rest(token, { url: `${api}/rest/organizationAcls`, query: { q: "roleAssignee", state: "APPROVED", count: 100 } }), aclsSchema);
    } catch (error) {
      // Without the Community Management scopes the member can still post as themselves.
      if (error instanceof NetworkError && !error.retryable && error.code !== "AUTH_EXPIRED") return [];
      throw error;
    }
    const urns = [...new Set(acls.elements.filter((acl) => POSTING_ROLES.has(acl.role)).map((acl) => acl.organization))];
    const profiles: ConnectedProfile[] = [];
    for (const urn of urns) {
      const id = urn.split(":").at(-1) ?? urn;
      const org = await http.json(rest(token, { url: `${api}/rest/organizations/${encodeURIComponent(id)}` }), organizationSchema);
      profiles.push({ externalId: urn, name: org.localizedName, handle: org.vanityName ?? null, metadata: { kind: "organization" } });
    }
    return profiles;
  }

  async function uploadImage(token: string, owner: string, media: PublishMedia): Promise<string> {
    const init = await http.json(rest(token, { method: "POST", url: `${api}/rest/images`, query: { action: "initializeUpload" }, json: { initializeUploadRequest: { owner } } }), imageInitSchema);
    const bytes = await (await http.download(media.url)).arrayBuffer();
    await http.send({ method: "PUT", url: init.value.uploadUrl, token, headers: { "content-type": "application/octet-stream" }, body: bytes }, z.unknown());
    return init.value.image;
  }

  async function uploadVideo(token: string, owner: string, media: PublishMedia): Promise<string> {
    const init = await http.json(
      rest(token, {
        method: "POST",
        url: `${api}/rest/videos`,
        query: { action: "initializeUpload" },
        json: { initializeUploadRequest: { owner, fileSizeBytes: media.sizeBytes, uploadCaptions: false, uploadThumbnail: false } },
      }),
      videoInitSchema,
    );
    const { video, uploadToken, uploadInstructions } = init.value;
    const [first] = uploadInstructions;
    const partSize = first ? first.lastByte - first.firstByte + 1 : 4 * MB;
    const download = await http.download(media.url);
    if (!download.body) throw new NetworkError("LINKEDIN", "TRANSIENT", `The media file ${media.url} could not be read.`);
    const partIds: string[] = [];
    let index = 0;
    for await (const chunk of chunksOf(download.body, partSize)) {
      const instruction = uploadInstructions[index++];
      if (!instruction) throw new NetworkError("LINKEDIN", "INVALID_CONTENT", `The video is larger than the ${media.sizeBytes} bytes announced to LinkedIn.`);
      const part = await http.send({ method: "PUT", url: instruction.uploadUrl, token, headers: { "content-type": "application/octet-stream" }, body: chunk }, z.unknown());
      partIds.push(part.headers.get("etag") ?? "");
    }
    await http.send(rest(token, { method: "POST", url: `${api}/rest/videos`, query: { action: "finalizeUpload" }, json: { finalizeUploadRequest: { video, uploadToken, uploadedPartIds: partIds } } }), z.unknown());
    await pollUntil(poller, "LINKEDIN", "LinkedIn's video processing", async () => {
      const state = await http.json(rest(token, { url: `${api}/rest/videos/${encodeURIComponent(video)}` }), videoStatusSchema);
      if (state.status === "AVAILABLE") return true;
      if (state.status === "PROCESSING_FAILED") throw new NetworkError("LINKEDIN", "INVALID_CONTENT", "LinkedIn could not process the video (PROCESSING_FAILED).");
      return undefined;
    });
    return video;
  }

  async function content(token: string, author: string, request: PublishRequest): Promise<Record<string, unknown> | undefined> {
    const video = request.media.find((m) => m.kind === "VIDEO");
    if (video) return { media: { id: await uploadVideo(token, author, video) } };
    const images: { id: string; altText?: string }[] = [];
    for (const image of request.media) images.push({ id: await uploadImage(token, author, image), ...(image.altText ? { altText: image.altText } : {}) });
    const [single] = images;
    if (!single) return undefined;
    return images.length === 1 ? { media: single } : { multiImage: { images } };
  }

  const postPath = (urn: string) => `${api}/rest/posts/${encodeURIComponent(urn)}`;

  return {
    network: "LINKEDIN",
    displayName: NAME,
    rules: LINKEDIN_RULES,
    // The Posts API takes no idempotency key or client reference.
    supportsIdempotency: false,
    lookupLagMs: LINKEDIN_LOOKUP_LAG_MS,

    validate: (value) => [...validateAgainstRules(LINKEDIN_RULES, NAME, value), ...singleVideoIssues(NAME, value.media)],

    authorizationUrl(request) {
      const target = new URL(`${auth}/oauth/v2/authorization`);
      // LinkedIn offers PKCE to native apps only; web apps use the client secret and `state`.
      target.search = new URLSearchParams({
        response_type: "code",
        client_id: config.clientId,
        redirect_uri: request.redirectUri,
        state: request.state,
        scope: scopes.join(" "),
      }).toString();
      return target.toString();
    },

    async exchangeCode(exchange) {
      const tokens = tokenSetFrom(await tokenRequest({ grant_type: "authorization_code", code: exchange.code, redirect_uri: exchange.redirectUri }), new Date());
      const profiles = [await member(tokens)];
      // A member app cannot see organizations at all: asking would only collect a 403.
      if (mode === "organization") profiles.push(...(await organizations(tokens.accessToken)));
      return { tokens, profiles };
    },

    // Programmatic refresh tokens (365 days, not rotated: the same one comes back with less time
    // left) are issued to approved apps; a member app gets none and reconnects every 60 days.
    refreshToken: (refreshToken) =>
      refreshOrReconnect("LINKEDIN", NAME, async () => tokenSetFrom(await tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken }), new Date())),

    async publish(account, request) {
      const author = account.externalId;
      const media = await content(account.accessToken, author, request);
      const created = await http.send(
        rest(account.accessToken, {
          method: "POST",
          url: `${api}/rest/posts`,
          json: {
            author,
            commentary: toLittleText(request.text),
            visibility: "PUBLIC",
            distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
            ...(media ? { content: media } : {}),
            lifecycleState: "PUBLISHED",
            isReshareDisabledByAuthor: false,
          },
        }),
        z.unknown(),
      );
      const urn = created.headers.get("x-restli-id");
      if (!urn) throw new NetworkError("LINKEDIN", "UNKNOWN", "LinkedIn accepted the post but did not return its id (x-restli-id).", { status: created.status });
      const comment = await postFirstComment(firstComment(request), async (text) => {
        const answer = await http.send(
          rest(account.accessToken, { method: "POST", url: `${api}/rest/socialActions/${encodeURIComponent(urn)}/comments`, json: { actor: author, object: urn, message: { text } } }),
          commentCreatedSchema,
        );
        return answer.headers.get("x-restli-id") ?? answer.data?.commentUrn ?? answer.data?.id ?? null;
      });
      return { externalId: urn, url: postUrl(urn), ...comment };
    },

    async findPublished(account, request, { createdAfter }) {
      // Member posts cannot be read back by a member app, so their outcome stays with the user.
      if (!isOrganization(account)) return lookupUnsupported(MEMBER_READS_UNAVAILABLE);
      const recent = await http.json(
        rest(account.accessToken, { url: `${api}/rest/posts`, query: { q: "author", author: account.externalId, count: 50, sortBy: "CREATED" }, headers: { "x-restli-method": "FINDER" } }),
        postsSchema,
      );
      // LinkedIn stores the commentary as sent (little text): compare it with what we sent.
      const sent = toLittleText(request.text);
      const match = recent.elements.find((post) => createdSince(post.createdAt, createdAfter) && sameText(sent, post.commentary ?? "") && mediaCount(post.content) === request.media.length);
      return match ? foundPost({ externalId: match.id, url: postUrl(match.id) }) : NOT_VISIBLE;
    },

    fetchPost: (account, urn) =>
      unlessNotFound<RemotePost>(async () => {
        if (!isOrganization(account)) memberReadsUnavailable();
        const post = await http.json(rest(account.accessToken, { url: postPath(urn) }), postSchema);
        return { live: post.lifecycleState === undefined || post.lifecycleState === "PUBLISHED", url: postUrl(urn) };
      }, { live: false }),

    deletePost: (account, urn) =>
      unlessNotFound(async () => {
        await http.send(rest(account.accessToken, { method: "DELETE", url: postPath(urn), headers: { "x-restli-method": "DELETE" } }), z.unknown());
      }, undefined),

    async fetchMetrics(account, urn) {
      if (!isOrganization(account)) memberReadsUnavailable();
      const kind = urn.startsWith("urn:li:ugcPost:") ? "ugcPosts" : "shares";
      // Rest.li list syntax: the parentheses stay literal, the URN inside is encoded once.
      const url = `${api}/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${encodeURIComponent(account.externalId)}&${kind}=List(${encodeURIComponent(urn)})`;
      const stats = (await http.json(rest(account.accessToken, { url }), shareStatsSchema)).elements[0]?.totalShareStatistics;
      return {
        impressions: stats?.impressionCount ?? 0,
        reach: stats?.uniqueImpressionsCount ?? 0,
        likes: stats?.likeCount ?? 0,
        comments: stats?.commentCount ?? 0,
        shares: stats?.shareCount ?? 0,
        clicks: stats?.clickCount ?? 0,
      };
    },

    async fetchAccountMetrics(account) {
      if (!isOrganization(account)) memberReadsUnavailable();
      const org = encodeURIComponent(account.externalId);
      const size = await http.json(rest(account.accessToken, { url: `${api}/rest/networkSizes/${org}`, query: { edgeType: "COMPANY_FOLLOWED_BY_MEMBER" } }), z.object({ firstDegreeSize: z.number() }));
      const stats = (await http.json(rest(account.accessToken, { url: `${api}/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=${org}` }), shareStatsSchema)).elements[0]?.totalShareStatistics;
      return {
        followers: size.firstDegreeSize,
        impressions: stats?.impressionCount ?? 0,
        engagements: stats ? stats.likeCount + stats.commentCount + stats.shareCount + stats.clickCount : 0,
      };
    },

    async fetchComments(account, urn) {
      if (!isOrganization(account)) memberReadsUnavailable();
      const answer = await http.json(rest(account.accessToken, { url: `${api}/rest/socialActions/${encodeURIComponent(urn)}/comments`, query: { count: 100 } }), commentsSchema);
      return answer.elements.map((c) => ({ id: c.id, author: c.actor, text: c.message.text, createdAt: new Date(c.created.time) }));
    },
  };
}

function isOrganization(account: AccountAuth): boolean {
  return account.externalId.startsWith("urn:li:organization:");
}

function postUrl(urn: string): string {
  return `https://www.linkedin.com/feed/update/${urn}/`;
}

/**
 * `commentary` is "little text": unescaped reserved characters silently truncate the post. Hashtags
 * become hashtag templates so they stay links; everything else reserved is escaped.
 */
export function toLittleText(text: string): string {
  const escape = (value: string) => value.replace(/[\\|{}@[\]()<>#*_~]/g, (c) => `\\${c}`);
  let result = "";
  let last = 0;
  for (const match of text.matchAll(/(^|\s)#([\p{L}\p{N}_]+)/gu)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    result += escape(text.slice(last, start)) + `{hashtag|\\#|${escape(match[2] ?? "")}}`;
    last = start + 1 + (match[2]?.length ?? 0);
  }
  return result + escape(text.slice(last));
}
