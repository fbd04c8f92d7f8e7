import { randomUUID } from "node:crypto";
import type { SocialNetwork } from "@mg/db";
import { SANDBOX_RULES, setNetworkAdapterOverride } from "@mg/integrations";
import {
  NetworkError,
  type AccountAuth,
  type AccountMetrics,
  type NetworkAdapter,
  type PostMetrics,
  type PublishedLookup,
  type PublishedLookupQuery,
  type PublishRequest,
  type PublishResult,
  type TokenSet,
} from "@mg/integrations/types";

/** What the next publish call does. */
export type PublishBehaviour =
  | { kind: "ok" }
  /** Refused or failed before anything was created. */
  | { kind: "error"; error: NetworkError }
  /** The connection drops before the network writes anything: no answer, no post. */
  | { kind: "drop-before" }
  /** The post is created, then the connection drops: the caller gets no answer. */
  | { kind: "drop-after" }
  /** The post is created, yet the network answers with an error as if it was not (a lying 5xx). */
  | { kind: "error-after-write"; error: NetworkError }
  /** The post is created; its first comment is refused. */
  | { kind: "ok-comment-refused"; message: string }
  /**
   * The call never returns, before (hang-before) or after (hang-after) the post is written: what a
   * worker that dies in the middle of the call leaves behind — nothing after the call ever runs.
   */
  | { kind: "hang-before" }
  | { kind: "hang-after" };

export interface FakeNetworkOptions {
  network?: SocialNetwork;
  /** Publishes are deduplicated by idempotency key (a resend answers with the existing post). */
  supportsIdempotency?: boolean;
  /**
   * How it can be asked about a post whose answer was lost. "key": by idempotency key / client
   * reference — certain either way. "timeline": its newest posts, by exact payload, created after
   * `createdAfter` — and only once they are visible (see `actualLagMs`); never certain of absence.
   * "unsupported": it cannot be asked. Default "timeline".
   */
  lookup?: "key" | "timeline" | "unsupported";
  /** The lag it documents (the adapter's `lookupLagMs`). Default 0. */
  lookupLagMs?: number;
  /** The lag its timeline really has. Default: as documented. */
  actualLagMs?: number;
  /** Refuses a publish whose exact text the account posted in the last 24 hours (X does): DUPLICATE_CONTENT. */
  refusesDuplicates?: boolean;
  /**
   * Issues and checks its own tokens: access tokens expire after `accessTtlMs`; refresh tokens
   * rotate, and one used twice revokes the whole connection (X does). Without it any token works.
   */
  tokens?: { accessTtlMs: number };
  /** Each token refresh takes this long (so concurrent refreshes overlap). Default 0. */
  refreshDelayMs?: number;
}

interface StoredPost {
  externalId: string;
  accountExternalId: string;
  request: PublishRequest;
  live: boolean;
  createdAt: Date;
}

interface IssuedToken {
  family: string;
  expiresAt: Date;
}

const DUPLICATE_WINDOW_MS = 24 * 3_600_000;

/**
 * An in-memory social network behind the adapter interface, for the publish pipeline's tests. It
 * lies the way real ones do: answers get lost before or after the write, its timeline shows new
 * posts late, it refuses duplicate text, its tokens expire and its refresh tokens rotate. It
 * records every call. (The real network clients are tested against their HTTP fakes in
 * @mg/integrations; the Sandbox integration test uses the real Sandbox.)
 */
export class FakeNetwork implements NetworkAdapter {
  readonly network: SocialNetwork;
  readonly displayName = "FakeNet";
  readonly rules = SANDBOX_RULES;
  readonly supportsIdempotency: boolean;
  readonly lookupLagMs: number;

  /** Every publish call, in order (including refused ones). */
  readonly publishCalls: PublishRequest[] = [];
  /** The access token each publish call presented (same order as publishCalls). */
  readonly publishTokens: string[] = [];
  /** Every lookup, with the `createdAfter` it was given. */
  readonly lookups: { request: PublishRequest; createdAfter: Date }[] = [];
  readonly posts = new Map<string, StoredPost>();
  private readonly script: PublishBehaviour[] = [];
  private readonly accountScripts = new Map<string, PublishBehaviour[]>();
  private readonly callWaiters: { count: number; resolve: () => void }[] = [];
  private readonly lookupMode: NonNullable<FakeNetworkOptions["lookup"]>;
  private readonly actualLagMs: number;
  private readonly refusesDuplicates: boolean;
  private readonly tokenOptions: FakeNetworkOptions["tokens"];
  private readonly refreshDelayMs: number;
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, { family: string; used: boolean }>();
  private readonly revokedFamilies = new Set<string>();
  /** The network's own clock (tests move it together with the pipeline's `now`). */
  now: () => Date = () => new Date();
  /** Lookups throw this instead of answering (the network is down, or the scopes are missing). */
  lookupError: NetworkError | null = null;
  /** Like a member's LinkedIn account: posts are accepted but cannot be read back (no post, no metrics). */
  readsUnavailable = false;
  metrics: PostMetrics = { impressions: 100, reach: 80, likes: 10, comments: 2, shares: 1, clicks: 3 };
  metricsByExternalId = new Map<string, PostMetrics>();
  accountMetrics: AccountMetrics = { followers: 500, impressions: 1000, engagements: 40 };
  /** Without `tokens`: what a refresh answers. */
  refreshBehaviour: { kind: "ok"; tokens: TokenSet } | { kind: "error"; error: NetworkError } = {
    kind: "ok",
    tokens: { accessToken: "renewed-access", expiresAt: new Date(Date.now() + 60 * 86_400_000) },
  };
  refreshCalls: string[] = [];
  /** Refresh tokens that were presented a second time (each one killed its connection). */
  reusedRefreshTokens: string[] = [];

  constructor(options: FakeNetworkOptions = {}) {
    this.network = options.network ?? "X";
    this.supportsIdempotency = options.supportsIdempotency ?? false;
    this.lookupMode = options.lookup ?? "timeline";
    this.lookupLagMs = options.lookupLagMs ?? 0;
    this.actualLagMs = options.actualLagMs ?? this.lookupLagMs;
    this.refusesDuplicates = options.refusesDuplicates ?? false;
    this.tokenOptions = options.tokens;
    this.refreshDelayMs = options.refreshDelayMs ?? 0;
  }

  /** Makes this fake the adapter of its network until `uninstall()`. */
  install(): this {
    setNetworkAdapterOverride(this.network, this);
    return this;
  }

  uninstall(): void {
    setNetworkAdapterOverride(this.network, null);
  }

  queue(...behaviours: PublishBehaviour[]): this {
    this.script.push(...behaviours);
    return this;
  }

  /** What the next publish calls of one account do (before the shared script). */
  queueFor(accountExternalId: string, ...behaviours: PublishBehaviour[]): this {
    const script = this.accountScripts.get(accountExternalId) ?? [];
    script.push(...behaviours);
    this.accountScripts.set(accountExternalId, script);
    return this;
  }

  /** Resolves once `count` publish calls have been made (hung ones included). */
  whenPublishCalls(count: number): Promise<void> {
    if (this.publishCalls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.callWaiters.push({ count, resolve }));
  }

  postsFor(accountExternalId: string): StoredPost[] {
    return [...this.posts.values()].filter((p) => p.accountExternalId === accountExternalId);
  }

  /** A post made some other way (by hand, or an older post of a recurring series). */
  seedPost(accountExternalId: string, request: PublishRequest, createdAt: Date): PublishResult {
    const externalId = `fk_${randomUUID().slice(0, 8)}`;
    this.posts.set(externalId, { externalId, accountExternalId, request, live: true, createdAt });
    return this.resultOf(externalId);
  }

  /** The first token pair of a new connection (what the OAuth exchange would return). */
  connect(): Required<Pick<TokenSet, "accessToken" | "refreshToken">> & { expiresAt: Date } {
    return this.issue(randomUUID());
  }

  private issue(family: string): { accessToken: string; refreshToken: string; expiresAt: Date } {
    const expiresAt = new Date(this.now().getTime() + (this.tokenOptions?.accessTtlMs ?? 60 * 86_400_000));
    const accessToken = `at_${randomUUID()}`;
    const refreshToken = `rt_${randomUUID()}`;
    this.accessTokens.set(accessToken, { family, expiresAt });
    this.refreshTokens.set(refreshToken, { family, used: false });
    return { accessToken, refreshToken, expiresAt };
  }

  private authorize(auth: AccountAuth): void {
    if (!this.tokenOptions) return;
    const token = this.accessTokens.get(auth.accessToken);
    if (!token || this.revokedFamilies.has(token.family)) throw new NetworkError(this.network, "AUTH_EXPIRED", "Unauthorized: invalid or revoked access token", { status: 401 });
    if (token.expiresAt.getTime() <= this.now().getTime()) throw new NetworkError(this.network, "AUTH_EXPIRED", "Unauthorized: the access token expired", { status: 401 });
  }

  private resultOf(externalId: string): PublishResult {
    return { externalId, url: `https://fake.example/${externalId}` };
  }

  private byKey(key: string): PublishResult | undefined {
    const post = [...this.posts.values()].find((p) => p.request.idempotencyKey === key);
    return post ? this.resultOf(post.externalId) : undefined;
  }

  private store(auth: AccountAuth, request: PublishRequest): PublishResult {
    const externalId = `fk_${randomUUID().slice(0, 8)}`;
    this.posts.set(externalId, { externalId, accountExternalId: auth.externalId, request, live: true, createdAt: this.now() });
    return this.resultOf(externalId);
  }

  validate() {
    return [];
  }
  authorizationUrl(): string {
    return "https://fake.example/authorize";
  }
  async exchangeCode(): Promise<{ tokens: TokenSet; profiles: [] }> {
    throw new Error("not used");
  }
  async refreshToken(refreshToken: string): Promise<TokenSet> {
    this.refreshCalls.push(refreshToken);
    if (this.refreshDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.refreshDelayMs));
    if (!this.tokenOptions) {
      if (this.refreshBehaviour.kind === "error") throw this.refreshBehaviour.error;
      return this.refreshBehaviour.tokens;
    }
    const stored = this.refreshTokens.get(refreshToken);
    if (!stored || this.revokedFamilies.has(stored.family)) throw new NetworkError(this.network, "AUTH_EXPIRED", "invalid_grant: the refresh token is invalid", { status: 400 });
    if (stored.used) {
      // Reuse means the token leaked or two clients raced: the whole connection is revoked.
      this.reusedRefreshTokens.push(refreshToken);
      this.revokedFamilies.add(stored.family);
      throw new NetworkError(this.network, "AUTH_EXPIRED", "invalid_grant: refresh token was already used; the connection is revoked", { status: 400 });
    }
    stored.used = true;
    return this.issue(stored.family);
  }

  async publish(auth: AccountAuth, request: PublishRequest): Promise<PublishResult> {
    this.publishCalls.push(request);
    this.publishTokens.push(auth.accessToken);
    for (const waiter of this.callWaiters.filter((w) => w.count <= this.publishCalls.length)) {
      this.callWaiters.splice(this.callWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    this.authorize(auth);
    if (this.supportsIdempotency) {
      const existing = this.byKey(request.idempotencyKey);
      if (existing) return existing;
    }
    const behaviour = this.accountScripts.get(auth.externalId)?.shift() ?? this.script.shift() ?? { kind: "ok" };
    if (behaviour.kind === "error") throw behaviour.error;
    if (behaviour.kind === "drop-before") throw new NetworkError(this.network, "TRANSIENT", "socket hang up (connection reset before the request was read)");
    if (behaviour.kind === "hang-before") return new Promise<never>(() => {});
    if (this.refusesDuplicates) {
      const since = this.now().getTime() - DUPLICATE_WINDOW_MS;
      const duplicate = this.postsFor(auth.externalId).some((p) => p.request.text === request.text && p.createdAt.getTime() >= since);
      if (duplicate) throw new NetworkError(this.network, "DUPLICATE_CONTENT", "You are not allowed to create a Tweet with duplicate content.", { status: 403 });
    }
    const result = this.store(auth, request);
    if (behaviour.kind === "error-after-write") throw behaviour.error;
    if (behaviour.kind === "hang-after") return new Promise<never>(() => {});
    if (behaviour.kind === "drop-after") throw new NetworkError(this.network, "TRANSIENT", "socket hang up (timeout after 30 s)");
    if (behaviour.kind === "ok-comment-refused") return { ...result, firstCommentId: null, firstCommentError: behaviour.message };
    return result;
  }

  async findPublished(auth: AccountAuth, request: PublishRequest, query: PublishedLookupQuery): Promise<PublishedLookup> {
    this.lookups.push({ request, createdAfter: query.createdAfter });
    this.authorize(auth);
    if (this.lookupError) throw this.lookupError;
    if (this.lookupMode === "unsupported") return { kind: "unsupported", reason: "FakeNet offers no post lookup" };
    if (this.lookupMode === "key") {
      const found = this.byKey(request.idempotencyKey);
      return found ? { kind: "found", result: found } : { kind: "absent" };
    }
    const visibleUntil = this.now().getTime() - this.actualLagMs;
    const match = this.postsFor(auth.externalId).find(
      (p) =>
        p.createdAt.getTime() >= query.createdAfter.getTime() &&
        p.createdAt.getTime() <= visibleUntil &&
        p.request.text === request.text &&
        (p.request.firstComment ?? null) === (request.firstComment ?? null) &&
        JSON.stringify(p.request.media.map((m) => m.url)) === JSON.stringify(request.media.map((m) => m.url)),
    );
    return match ? { kind: "found", result: this.resultOf(match.externalId) } : { kind: "not-visible" };
  }

  async fetchPost(auth: AccountAuth, externalId: string) {
    this.authorize(auth);
    if (this.readsUnavailable) throw new NetworkError(this.network, "UNAVAILABLE", "FakeNet does not let apps read this account's posts.", { retryable: false });
    const post = this.posts.get(externalId);
    if (!post) throw new NetworkError(this.network, "NOT_FOUND", "No such post", { status: 404 });
    return { live: post.live, url: `https://fake.example/${externalId}` };
  }
  async deletePost(_auth: AccountAuth, externalId: string): Promise<void> {
    this.posts.delete(externalId);
  }
  async fetchMetrics(_auth: AccountAuth, externalId: string): Promise<PostMetrics> {
    if (this.readsUnavailable) throw new NetworkError(this.network, "UNAVAILABLE", "FakeNet does not let apps read this account's posts.", { retryable: false });
    if (!this.posts.has(externalId) && !this.metricsByExternalId.has(externalId)) throw new NetworkError(this.network, "NOT_FOUND", "No such post", { status: 404 });
    return this.metricsByExternalId.get(externalId) ?? this.metrics;
  }
  async fetchAccountMetrics(): Promise<AccountMetrics> {
    return this.accountMetrics;
  }
  async fetchComments() {
    return [];
  }
}

export const rateLimited = (network: SocialNetwork = "X", retryAfterSeconds = 30) =>
  new NetworkError(network, "RATE_LIMITED", "Too Many Requests: posting limit reached for this account", { status: 429, retryAfterSeconds });

export const refused = (network: SocialNetwork = "X") =>
  new NetworkError(network, "INVALID_CONTENT", "Your post is too long for this account.", { status: 400 });

export const expiredToken = (network: SocialNetwork = "X") =>
  new NetworkError(network, "AUTH_EXPIRED", "Unauthorized: the access token was revoked", { status: 401 });

export const serverError = (network: SocialNetwork = "X") =>
  new NetworkError(network, "TRANSIENT", "Service Unavailable", { status: 503 });

/** A clock for the pipeline and the fake to share; starts at the real time so database defaults agree. */
export function sharedClock(fake: FakeNetwork, start = new Date()) {
  let now = start.getTime();
  fake.now = () => new Date(now);
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
      return new Date(now);
    },
  };
}
