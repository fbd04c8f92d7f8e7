import { Prisma, type PrismaClient } from "@mg/db";
import { systemDb } from "@mg/db/system";
import type { LatencyRange } from "../env";
import { pkceChallenge } from "../oauth/pkce";
import {
  NetworkError,
  type AccountAuth,
  type NetworkAdapter,
  type PublishedLookup,
  type PublishMedia,
  type PublishRequest,
  type PublishResult,
  type TokenSet,
} from "../types";
import { validateAgainstRules } from "../validation";
import { decodeSandboxCode, issueSandboxToken, readSandboxToken, sandboxExternalId } from "./credentials";
import { sandboxAccountMetrics, sandboxComments, sandboxPostMetrics } from "./engagement";
import { SANDBOX_RULES } from "./rules";

/**
 * The built-in Sandbox network. It behaves like a real one — an OAuth-like consent step, expiring
 * tokens, network ids, latency, occasional transient failures, engagement that grows — but keeps
 * its posts in the `sandbox_posts` system table, so a new user (and the end-to-end tests) can run
 * the whole flow without credentials.
 */

/**
 * The ways real networks lie, switched on for tests and demos (all off by default). With every
 * fault on, the Sandbox behaves like X: no idempotency key, a timeline that shows new posts late,
 * duplicate text refused, and connections that drop before or after the post is written.
 */
export interface SandboxFaults {
  /**
   * New posts show up in lookups by content only this long after they were made: the adapter's
   * `lookupLagMs`. Lookups by idempotency key are never late (they read the post itself).
   */
  lookupLagMs?: number;
  /** Refuse a publish whose exact text the account posted within `duplicateWindowMs` (DUPLICATE_CONTENT, 403). */
  refuseDuplicates?: boolean;
  /** Default 24 hours. */
  duplicateWindowMs?: number;
  /**
   * False: behave like a network without idempotency keys — a resend makes a second post, and the
   * lookup can only search the timeline by content (never certain that a post is absent). Default true.
   */
  idempotency?: boolean;
  /** Share of publishes whose connection drops without an answer, half before and half after the post is written (0–1). */
  dropRate?: number;
  /** Scripted drops (tests): called once per publish; wins over `dropRate`. */
  drop?: () => "before" | "after" | null;
}

export interface SandboxOptions {
  /** Public URL of the web app (consent page and post pages live there). */
  appUrl: string;
  /** Share of calls that fail with a transient error (0–1). Default 0. */
  failureRate?: number;
  /** Simulated latency per call. Default none. */
  latency?: LatencyRange;
  random?: () => number;
  now?: () => Date;
  db?: () => PrismaClient;
  faults?: SandboxFaults;
  /** Lifetime of access tokens (default 60 days); short ones exercise the refresh before publishing. */
  accessTokenTtlMs?: number;
}

const ACCESS_TOKEN_DAYS = 60;
const REFRESH_TOKEN_DAYS = 365;
const DAY_MS = 86_400_000;

const NETWORK = "SANDBOX";

/** `sbx_<32 hex>` ↔ the row's UUID. */
export function sandboxExternalPostId(rowId: string): string {
  return `sbx_${rowId.replace(/-/g, "")}`;
}

export function sandboxRowId(externalId: string): string | null {
  const match = /^sbx_([0-9a-f]{32})$/.exec(externalId);
  const hex = match?.[1];
  if (!hex) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sandboxPostUrl(appUrl: string, externalId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/sandbox/posts/${externalId}`;
}

interface SandboxRow {
  id: string;
  accountExternalId: string;
  firstComment: string | null;
  createdAt: Date;
  deletedAt: Date | null;
}

const DEFAULT_DUPLICATE_WINDOW_MS = 24 * 3_600_000;

/** The first comment as stored: blank means none. */
function storedFirstComment(firstComment: string | null | undefined): string | null {
  return firstComment?.trim() ? firstComment : null;
}

/** Same media, in the same order: what a timeline lookup compares besides the text. */
function sameMedia(stored: unknown, wanted: readonly PublishMedia[]): boolean {
  if (!Array.isArray(stored) || stored.length !== wanted.length) return false;
  return wanted.every((media, index) => {
    const row: unknown = stored[index];
    if (row === null || typeof row !== "object") return false;
    const { url, kind } = row as { url?: unknown; kind?: unknown };
    return url === media.url && kind === media.kind;
  });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export function createSandboxAdapter(options: SandboxOptions): NetworkAdapter {
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const db = options.db ?? systemDb;
  const failureRate = options.failureRate ?? 0;
  const latency = options.latency ?? { minMs: 0, maxMs: 0 };
  const appUrl = options.appUrl.replace(/\/+$/, "");
  const faults = options.faults ?? {};
  const idempotency = faults.idempotency ?? true;
  const lookupLagMs = Math.max(0, faults.lookupLagMs ?? 0);
  const accessTokenTtlMs = options.accessTokenTtlMs ?? ACCESS_TOKEN_DAYS * DAY_MS;

  function nextDrop(): "before" | "after" | null {
    if (faults.drop) return faults.drop();
    const rate = faults.dropRate ?? 0;
    if (rate <= 0) return null;
    const draw = random();
    if (draw >= rate) return null;
    return draw < rate / 2 ? "before" : "after";
  }

  function dropped(): NetworkError {
    // No status: like a reset connection, the caller cannot tell whether the post was written.
    return new NetworkError(NETWORK, "TRANSIENT", "Sandbox did not answer (simulated dropped connection); the post may or may not have been made.");
  }

  /** Every call first waits like a network round trip, then occasionally fails like one — before doing anything. */
  async function roundTrip(operation: string): Promise<void> {
    const ms = latency.maxMs > latency.minMs ? latency.minMs + Math.round(random() * (latency.maxMs - latency.minMs)) : latency.minMs;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
    if (failureRate > 0 && random() < failureRate) {
      throw new NetworkError(NETWORK, "TRANSIENT", `Sandbox is temporarily unavailable (simulated 503 during ${operation}). Retry in a moment.`, {
        status: 503,
        retryAfterSeconds: 1,
      });
    }
  }

  function authorize(auth: AccountAuth): void {
    const claims = readSandboxToken("at", auth.accessToken);
    if (!claims || claims.sub !== auth.externalId) {
      throw new NetworkError(NETWORK, "AUTH_EXPIRED", "Sandbox rejected the access token (invalid_token). Reconnect the account.", { status: 401 });
    }
    if (claims.exp * 1000 <= now().getTime()) {
      throw new NetworkError(NETWORK, "AUTH_EXPIRED", "Sandbox access token has expired. Reconnect the account.", { status: 401 });
    }
  }

  function tokensFor(profile: { sub: string; name: string; handle: string }): TokenSet {
    const issuedAt = now().getTime();
    const expiresAt = new Date(issuedAt + accessTokenTtlMs);
    const refreshTokenExpiresAt = new Date(issuedAt + REFRESH_TOKEN_DAYS * DAY_MS);
    return {
      accessToken: issueSandboxToken("at", { ...profile, exp: Math.floor(expiresAt.getTime() / 1000) }),
      refreshToken: issueSandboxToken("rt", { ...profile, exp: Math.floor(refreshTokenExpiresAt.getTime() / 1000) }),
      expiresAt,
      refreshTokenExpiresAt,
      scopes: ["profile", "publish", "insights"],
    };
  }

  function resultFor(row: SandboxRow): PublishResult {
    const externalId = sandboxExternalPostId(row.id);
    return { externalId, url: sandboxPostUrl(appUrl, externalId), firstCommentId: row.firstComment ? `${externalId}_first` : null };
  }

  /** The account's own post, or NOT_FOUND — like a real API, another account's posts do not exist. */
  async function ownPost(auth: AccountAuth, externalId: string, options: { allowDeleted: boolean }): Promise<SandboxRow> {
    const id = sandboxRowId(externalId);
    const row = id ? await db().sandboxPost.findUnique({ where: { id } }) : null;
    if (!row || row.accountExternalId !== auth.externalId || (row.deletedAt && !options.allowDeleted)) {
      throw new NetworkError(NETWORK, "NOT_FOUND", `Sandbox post ${externalId} does not exist.`, { status: 404 });
    }
    return row;
  }

  async function findByKey(auth: AccountAuth, idempotencyKey: string): Promise<PublishResult | null> {
    const row = await db().sandboxPost.findUnique({ where: { idempotencyKey } });
    if (!row) return null;
    if (row.accountExternalId !== auth.externalId) {
      throw new NetworkError(NETWORK, "INVALID_CONTENT", "Sandbox: this idempotency key was already used by another account.", { status: 409 });
    }
    return resultFor(row);
  }

  return {
    network: NETWORK,
    displayName: "Sandbox",
    rules: SANDBOX_RULES,
    supportsIdempotency: idempotency,
    lookupLagMs,

    validate: (content) => validateAgainstRules(SANDBOX_RULES, "Sandbox", content),

    authorizationUrl({ state, redirectUri, codeChallenge }) {
      const query = new URLSearchParams({ state, redirect_uri: redirectUri, code_challenge: codeChallenge });
      return `${appUrl}/sandbox/authorize?${query.toString()}`;
    },

    async exchangeCode({ code, codeVerifier }) {
      await roundTrip("token exchange");
      const decoded = decodeSandboxCode(code);
      if (!decoded.ok) {
        throw new NetworkError(NETWORK, "UNKNOWN", `Sandbox rejected the authorization code (invalid_grant): ${decoded.reason}.`, { status: 400 });
      }
      const { name, handle, codeChallenge } = decoded.value;
      if (codeChallenge !== undefined && pkceChallenge(codeVerifier) !== codeChallenge) {
        throw new NetworkError(NETWORK, "UNKNOWN", "Sandbox rejected the authorization code (invalid_grant): PKCE verification failed.", { status: 400 });
      }
      const externalId = sandboxExternalId(handle);
      return {
        tokens: tokensFor({ sub: externalId, name, handle }),
        profiles: [{ externalId, name, handle: `@${handle}`, avatarUrl: null, metadata: { handle } }],
      };
    },

    async refreshToken(refreshToken) {
      await roundTrip("token refresh");
      const claims = readSandboxToken("rt", refreshToken);
      if (!claims || claims.exp * 1000 <= now().getTime()) {
        throw new NetworkError(NETWORK, "AUTH_EXPIRED", "Sandbox rejected the refresh token (invalid_grant). Reconnect the account.", { status: 400 });
      }
      return tokensFor({ sub: claims.sub, name: claims.name, handle: claims.handle });
    },

    async publish(auth, request: PublishRequest) {
      await roundTrip("publish");
      authorize(auth);
      const errors = validateAgainstRules(SANDBOX_RULES, "Sandbox", request).filter((i) => i.severity === "error");
      if (errors.length > 0) {
        throw new NetworkError(NETWORK, "INVALID_CONTENT", `Sandbox refused the post: ${errors.map((e) => e.message).join(" ")}`, { status: 400 });
      }
      if (idempotency) {
        const existing = await findByKey(auth, request.idempotencyKey);
        if (existing) return existing;
      }
      const drop = nextDrop();
      if (drop === "before") throw dropped();
      if (faults.refuseDuplicates) {
        const since = new Date(now().getTime() - (faults.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS));
        const duplicate = await db().sandboxPost.findFirst({
          where: { accountExternalId: auth.externalId, text: request.text, deletedAt: null, createdAt: { gte: since } },
          select: { id: true },
        });
        if (duplicate) {
          throw new NetworkError(NETWORK, "DUPLICATE_CONTENT", "Sandbox refused the post: you already posted this exact text recently (duplicate content).", { status: 403 });
        }
      }
      const data = {
        accountExternalId: auth.externalId,
        text: request.text,
        media: request.media.map(storedMedia),
        firstComment: storedFirstComment(request.firstComment),
        // Without idempotency the key is not the network's business (and a resend must make a second post).
        idempotencyKey: idempotency ? request.idempotencyKey : null,
        createdAt: now(),
      };
      let result: PublishResult;
      try {
        result = resultFor(await db().sandboxPost.create({ data }));
      } catch (error) {
        // A concurrent publish with the same key won the race: answer with its post.
        if (!idempotency || !isUniqueViolation(error)) throw error;
        const winner = await findByKey(auth, request.idempotencyKey);
        if (!winner) throw error;
        return winner;
      }
      if (drop === "after") throw dropped();
      return result;
    },

    async findPublished(auth, request, { createdAfter }): Promise<PublishedLookup> {
      await roundTrip("lookup");
      authorize(auth);
      if (idempotency) {
        // The key names this attempt's post and nothing else: its absence is certain.
        const found = await findByKey(auth, request.idempotencyKey);
        return found ? { kind: "found", result: found } : { kind: "absent" };
      }
      // A timeline search: only posts made since the attempt, with exactly its payload, and only
      // once they are visible. Nothing seen proves nothing, so this never answers "absent".
      const visibleUntil = new Date(now().getTime() - lookupLagMs);
      if (visibleUntil.getTime() < createdAfter.getTime()) return { kind: "not-visible" };
      const candidates = await db().sandboxPost.findMany({
        where: { accountExternalId: auth.externalId, text: request.text, deletedAt: null, createdAt: { gte: createdAfter, lte: visibleUntil } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      const firstComment = storedFirstComment(request.firstComment);
      const match = candidates.find((row) => row.firstComment === firstComment && sameMedia(row.media, request.media));
      return match ? { kind: "found", result: resultFor(match) } : { kind: "not-visible" };
    },

    async fetchPost(auth, externalId) {
      await roundTrip("fetch post");
      authorize(auth);
      const row = await ownPost(auth, externalId, { allowDeleted: true });
      return { live: row.deletedAt === null, url: sandboxPostUrl(appUrl, externalId) };
    },

    async deletePost(auth, externalId) {
      await roundTrip("delete");
      authorize(auth);
      const row = await ownPost(auth, externalId, { allowDeleted: true });
      if (!row.deletedAt) await db().sandboxPost.update({ where: { id: row.id }, data: { deletedAt: now() } });
    },

    async fetchMetrics(auth, externalId) {
      await roundTrip("metrics");
      authorize(auth);
      const row = await ownPost(auth, externalId, { allowDeleted: false });
      return sandboxPostMetrics(externalId, row.createdAt, now());
    },

    async fetchAccountMetrics(auth) {
      await roundTrip("account metrics");
      authorize(auth);
      const posts = await db().sandboxPost.findMany({
        where: { accountExternalId: auth.externalId, deletedAt: null },
        select: { id: true, createdAt: true },
      });
      return sandboxAccountMetrics(
        auth.externalId,
        posts.map((p) => ({ id: sandboxExternalPostId(p.id), createdAt: p.createdAt })),
        now(),
      );
    },

    async fetchComments(auth, externalId) {
      await roundTrip("comments");
      authorize(auth);
      const row = await ownPost(auth, externalId, { allowDeleted: false });
      const comments = sandboxComments(externalId, row.createdAt, now());
      if (row.firstComment) {
        const author = typeof auth.metadata.handle === "string" ? `@${auth.metadata.handle}` : "You";
        comments.unshift({ id: `${externalId}_first`, author, text: row.firstComment, createdAt: row.createdAt });
      }
      return comments;
    },
  };
}

function storedMedia(media: PublishMedia) {
  return {
    url: media.url,
    mimeType: media.mimeType,
    kind: media.kind,
    sizeBytes: media.sizeBytes,
    width: media.width ?? null,
    height: media.height ?? null,
    durationSeconds: media.durationSeconds ?? null,
    altText: media.altText ?? null,
  };
}
