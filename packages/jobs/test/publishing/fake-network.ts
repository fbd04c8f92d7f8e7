import { randomUUID } from "node:crypto";
import type { SocialNetwork } from "@mg/db";
import { SANDBOX_RULES, setNetworkAdapterOverride } from "@mg/integrations";
import {
  NetworkError,
  type AccountAuth,
  type AccountMetrics,
  type NetworkAdapter,
  type PostMetrics,
  type PublishRequest,
  type PublishResult,
  type TokenSet,
} from "@mg/integrations/types";

/** What the next publish call does. */
export type PublishBehaviour =
  | { kind: "ok" }
  /** Refused or failed before anything was created. */
  | { kind: "error"; error: NetworkError }
  /** The post is created, then the connection drops: the caller gets no answer. */
  | { kind: "post-then-timeout" }
  /** The post is created; its first comment is refused. */
  | { kind: "ok-comment-refused"; message: string };

export interface FakeNetworkOptions {
  network?: SocialNetwork;
  supportsIdempotency?: boolean;
  /** "lookup": can find a post by its key; "cannot-tell": answers undefined; "none": no findPublished. */
  findPublished?: "lookup" | "cannot-tell" | "none";
}

interface StoredPost {
  externalId: string;
  accountExternalId: string;
  request: PublishRequest;
  live: boolean;
}

/**
 * An in-memory social network behind the adapter interface, for the publish pipeline's unit
 * tests: it records every publish call and can be scripted to refuse, rate-limit, or create the
 * post and then drop the connection. (The real network clients are tested against their HTTP
 * fakes in @mg/integrations; the Sandbox integration test uses the real Sandbox.)
 */
export class FakeNetwork implements NetworkAdapter {
  readonly network: SocialNetwork;
  readonly displayName = "FakeNet";
  readonly rules = SANDBOX_RULES;
  readonly supportsIdempotency: boolean;
  readonly findPublished?: NetworkAdapter["findPublished"];

  /** Every publish call, in order (including refused ones). */
  readonly publishCalls: PublishRequest[] = [];
  readonly posts = new Map<string, StoredPost>();
  private readonly script: PublishBehaviour[] = [];
  metrics: PostMetrics = { impressions: 100, reach: 80, likes: 10, comments: 2, shares: 1, clicks: 3 };
  metricsByExternalId = new Map<string, PostMetrics>();
  accountMetrics: AccountMetrics = { followers: 500, impressions: 1000, engagements: 40 };
  refreshBehaviour: { kind: "ok"; tokens: TokenSet } | { kind: "error"; error: NetworkError } = {
    kind: "ok",
    tokens: { accessToken: "renewed-access", expiresAt: new Date(Date.now() + 60 * 86_400_000) },
  };
  refreshCalls: string[] = [];

  constructor(options: FakeNetworkOptions = {}) {
    this.network = options.network ?? "X";
    this.supportsIdempotency = options.supportsIdempotency ?? false;
    const mode = options.findPublished ?? "lookup";
    if (mode === "lookup") this.findPublished = async (_auth, request) => this.byKey(request.idempotencyKey) ?? null;
    else if (mode === "cannot-tell") this.findPublished = async () => undefined;
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

  postsFor(accountExternalId: string): StoredPost[] {
    return [...this.posts.values()].filter((p) => p.accountExternalId === accountExternalId);
  }

  private byKey(key: string): PublishResult | undefined {
    const post = [...this.posts.values()].find((p) => p.request.idempotencyKey === key);
    return post ? { externalId: post.externalId, url: `https://fake.example/${post.externalId}` } : undefined;
  }

  private store(auth: AccountAuth, request: PublishRequest): PublishResult {
    const externalId = `fk_${randomUUID().slice(0, 8)}`;
    this.posts.set(externalId, { externalId, accountExternalId: auth.externalId, request, live: true });
    return { externalId, url: `https://fake.example/${externalId}` };
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
    if (this.refreshBehaviour.kind === "error") throw this.refreshBehaviour.error;
    return this.refreshBehaviour.tokens;
  }

  async publish(auth: AccountAuth, request: PublishRequest): Promise<PublishResult> {
    this.publishCalls.push(request);
    if (this.supportsIdempotency) {
      const existing = this.byKey(request.idempotencyKey);
      if (existing) return existing;
    }
    const behaviour = this.script.shift() ?? { kind: "ok" };
    if (behaviour.kind === "error") throw behaviour.error;
    const result = this.store(auth, request);
    if (behaviour.kind === "post-then-timeout") throw new NetworkError(this.network, "TRANSIENT", "socket hang up (timeout after 30 s)");
    if (behaviour.kind === "ok-comment-refused") return { ...result, firstCommentId: null, firstCommentError: behaviour.message };
    return result;
  }

  async fetchPost(_auth: AccountAuth, externalId: string) {
    const post = this.posts.get(externalId);
    if (!post) throw new NetworkError(this.network, "NOT_FOUND", "No such post", { status: 404 });
    return { live: post.live, url: `https://fake.example/${externalId}` };
  }
  async deletePost(_auth: AccountAuth, externalId: string): Promise<void> {
    this.posts.delete(externalId);
  }
  async fetchMetrics(_auth: AccountAuth, externalId: string): Promise<PostMetrics> {
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
  new NetworkError(network, "INVALID_CONTENT", "You are not allowed to create a Tweet with duplicate content.", { status: 403 });

export const expiredToken = (network: SocialNetwork = "X") =>
  new NetworkError(network, "AUTH_EXPIRED", "Unauthorized: the access token was revoked", { status: 401 });

export const serverError = (network: SocialNetwork = "X") =>
  new NetworkError(network, "TRANSIENT", "Service Unavailable", { status: 503 });
