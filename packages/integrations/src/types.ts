import type { SocialNetwork } from "@mg/db";

/**
 * The contract every social network adapter implements. The publish pipeline, the API and the
 * composer only ever talk to this interface, so a network is added by writing one adapter.
 */
export type NetworkId = SocialNetwork;

export interface TokenSet {
  accessToken: string;
  /** Absent when the network did not return one (a reconnect keeps the stored one). */
  refreshToken?: string | null;
  expiresAt?: Date | null;
  refreshTokenExpiresAt?: Date | null;
  scopes?: string[];
}

/** A profile/page the user may connect after consenting (Facebook returns one per page). */
export interface ConnectedProfile {
  externalId: string;
  name: string;
  handle?: string | null;
  avatarUrl?: string | null;
  /** Network-specific settings stored on the account (e.g. a page's own access token). */
  metadata?: Record<string, unknown>;
  /** Per-profile token when the network issues one (Facebook page tokens); else the user token. */
  tokens?: TokenSet;
}

/** What an adapter needs to act for one connected account (tokens already decrypted). */
export interface AccountAuth {
  accessToken: string;
  externalId: string;
  metadata: Record<string, unknown>;
}

export type MediaKind = "IMAGE" | "VIDEO";

export interface PublishMedia {
  /** Public URL the network fetches the file from. */
  url: string;
  mimeType: string;
  kind: MediaKind;
  sizeBytes: number;
  width?: number | null;
  height?: number | null;
  durationSeconds?: number | null;
  altText?: string | null;
}

export interface PostContent {
  text: string;
  media: PublishMedia[];
  firstComment?: string | null;
}

/** TikTok's privacy levels: the user must choose one per post (TikTok's rules forbid a default). */
export const TIKTOK_PRIVACY_LEVELS = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"] as const;
export type TikTokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];

export function isTikTokPrivacyLevel(value: unknown): value is TikTokPrivacyLevel {
  return typeof value === "string" && (TIKTOK_PRIVACY_LEVELS as readonly string[]).includes(value);
}

/** A stored choice as a publish request carries it (null when none was made). */
export function tiktokChoice(level: string | null | undefined): { privacyLevel: TikTokPrivacyLevel } | null {
  return isTikTokPrivacyLevel(level) ? { privacyLevel: level } : null;
}

export interface PublishRequest extends PostContent {
  /** Stable per target and schedule version: networks that support idempotency dedupe on it. */
  idempotencyKey: string;
  /** TikTok targets: the privacy level the user chose for this post. */
  tiktok?: { privacyLevel: TikTokPrivacyLevel } | null;
}

export interface PublishResult {
  externalId: string;
  url?: string | null;
  firstCommentId?: string | null;
  /** The network's refusal of the first comment (the post itself went out). */
  firstCommentError?: string | null;
}

export interface PostMetrics {
  impressions: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  clicks: number;
}

export interface AccountMetrics {
  followers: number;
  impressions: number;
  engagements: number;
}

export interface RemoteComment {
  id: string;
  author: string;
  text: string;
  createdAt: Date;
}

export interface RemotePost {
  live: boolean;
  url?: string | null;
}

export type NetworkErrorCode =
  /** 429 or the network's own quota answer; retry after `retryAfterSeconds`. */
  | "RATE_LIMITED"
  /** Token expired/revoked: the account needs reconnecting; retrying will not help. */
  | "AUTH_EXPIRED"
  /** The network refused the content (too long, bad media…); retrying will not help. */
  | "INVALID_CONTENT"
  | "NOT_FOUND"
  /**
   * The network refused the text as a duplicate of a recent post (X does). That recent post may be
   * our own earlier attempt whose answer was lost: look it up, never mark the target failed on it.
   */
  | "DUPLICATE_CONTENT"
  /**
   * The network does not offer this read for this kind of account (a member's LinkedIn posts):
   * not a failure of the post, nothing to retry, nothing to reconnect.
   */
  | "UNAVAILABLE"
  /** 5xx, timeouts, connection resets: safe to retry. */
  | "TRANSIENT"
  | "UNKNOWN";

/** A network's refusal, carrying its own message so the app can show it verbatim. */
export class NetworkError extends Error {
  readonly network: NetworkId;
  readonly code: NetworkErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    network: NetworkId,
    code: NetworkErrorCode,
    message: string,
    options: { status?: number; retryAfterSeconds?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "NetworkError";
    this.network = network;
    this.code = code;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.retryable = options.retryable ?? (code === "RATE_LIMITED" || code === "TRANSIENT");
  }
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}

/** Per-network content limits, shown in the composer and enforced before scheduling. */
export interface ContentRules {
  maxTextLength: number;
  maxMedia: number;
  /** At least one image or video is required (Instagram, TikTok). */
  requiresMedia: boolean;
  /** Images and videos may be mixed in one post. */
  allowsMixedMedia: boolean;
  maxImageBytes: number;
  maxVideoBytes: number;
  maxVideoSeconds: number;
  imageTypes: readonly string[];
  videoTypes: readonly string[];
  supportsFirstComment: boolean;
  /** Carousel = more than one media item in one post. */
  supportsCarousel: boolean;
}

export interface ValidationIssue {
  field: "text" | "media" | "firstComment";
  severity: "error" | "warning";
  message: string;
}

export interface AuthorizationRequest {
  state: string;
  /** PKCE S256 challenge of the stored verifier. */
  codeChallenge: string;
  redirectUri: string;
}

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

/** What a lookup for the post of an unanswered (or duplicate-refused) attempt found. */
export type PublishedLookup =
  /** A post created after `createdAfter` with exactly this attempt's payload (or its idempotency key). */
  | { kind: "found"; result: PublishResult }
  /** The network can say for certain that nothing was made (a lookup by idempotency key / client reference). */
  | { kind: "absent" }
  /** Nothing matching is visible: inside the network's lag window that proves nothing. */
  | { kind: "not-visible" }
  /** The network offers no way to look, or the account's scopes do not allow it (never a failure). */
  | { kind: "unsupported"; reason: string };

export interface PublishedLookupQuery {
  /**
   * Only a post created at or after this instant can be the attempt's: the attempt's `sentAt`
   * minus the allowed clock skew. An older post with the same text (a recurring series) is not it.
   */
  createdAfter: Date;
}

export interface NetworkAdapter {
  readonly network: NetworkId;
  readonly displayName: string;
  readonly rules: ContentRules;
  /** The network dedupes publishes by `idempotencyKey` itself. */
  readonly supportsIdempotency: boolean;
  /**
   * How long after a publish the network's own lookups (timeline, post search) may still not show
   * the post. "Not visible" inside this window means wait, never re-send. Documented per network
   * in docs/social-publishing.md.
   */
  readonly lookupLagMs: number;

  validate(content: PostContent): ValidationIssue[];

  authorizationUrl(request: AuthorizationRequest): string;
  exchangeCode(exchange: CodeExchange): Promise<{ tokens: TokenSet; profiles: ConnectedProfile[] }>;
  refreshToken(refreshToken: string): Promise<TokenSet>;

  publish(auth: AccountAuth, request: PublishRequest): Promise<PublishResult>;
  /**
   * After an attempt whose answer was lost (or refused as a duplicate): look for the post it may
   * have made — by idempotency key where the network has one, else a post created after
   * `query.createdAfter` whose payload matches this request exactly.
   */
  findPublished(auth: AccountAuth, request: PublishRequest, query: PublishedLookupQuery): Promise<PublishedLookup>;
  fetchPost(auth: AccountAuth, externalId: string): Promise<RemotePost>;
  deletePost(auth: AccountAuth, externalId: string): Promise<void>;
  fetchMetrics(auth: AccountAuth, externalId: string): Promise<PostMetrics>;
  fetchAccountMetrics(auth: AccountAuth): Promise<AccountMetrics>;
  fetchComments(auth: AccountAuth, externalId: string): Promise<RemoteComment[]>;
}
