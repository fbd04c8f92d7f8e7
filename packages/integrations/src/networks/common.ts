import { z } from "zod";
import { NetworkError, type NetworkId, type PostContent, type PublishedLookup, type PublishMedia, type PublishResult, type TokenSet, type ValidationIssue } from "../types";
import type { NetworkAdapterConfig } from "./http";

/** Shared pieces of the real adapters: OAuth token answers, polling, chunked media, checks. */

export const oauthTokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().optional(),
  refresh_token_expires_in: z.coerce.number().optional(),
  refresh_expires_in: z.coerce.number().optional(),
  scope: z.string().optional(),
});

export function tokenSetFrom(answer: z.output<typeof oauthTokenSchema>, now: Date, scopeSeparator: RegExp = /[\s,]+/): TokenSet {
  const at = (seconds: number | undefined) => (seconds && seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null);
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? null,
    expiresAt: at(answer.expires_in),
    refreshTokenExpiresAt: at(answer.refresh_token_expires_in ?? answer.refresh_expires_in),
    scopes: answer.scope ? answer.scope.split(scopeSeparator).filter((s) => s !== "") : undefined,
  };
}

/** A refresh the network refuses (invalid_grant, revoked…) means the user must reconnect. */
export async function refreshOrReconnect(network: NetworkId, displayName: string, refresh: () => Promise<TokenSet>): Promise<TokenSet> {
  try {
    return await refresh();
  } catch (error) {
    if (error instanceof NetworkError && (error.code === "INVALID_CONTENT" || error.code === "NOT_FOUND")) {
      throw new NetworkError(network, "AUTH_EXPIRED", error.message || `${displayName} refused to renew the connection; reconnect the account.`, { status: error.status, cause: error });
    }
    throw error;
  }
}

export function baseUrls(config: NetworkAdapterConfig, defaults: { api: string; auth: string }): { api: string; auth: string } {
  const trim = (url: string) => url.replace(/\/+$/, "");
  // One override (a proxy or a local fake) serves both hosts unless the auth host is given too.
  return { api: trim(config.apiBaseUrl ?? defaults.api), auth: trim(config.authBaseUrl ?? config.apiBaseUrl ?? defaults.auth) };
}

export interface Poller {
  intervalMs: number;
  attempts: number;
}

export function pollerFrom(config: NetworkAdapterConfig, defaults: Poller = { intervalMs: 3000, attempts: 100 }): Poller {
  return { intervalMs: config.pollIntervalMs ?? defaults.intervalMs, attempts: config.maxPollAttempts ?? defaults.attempts };
}

/** Calls `check` until it returns a value; a network still busy after every attempt is TRANSIENT. */
export async function pollUntil<T>(poller: Poller, network: NetworkId, what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < poller.attempts; attempt++) {
    const result = await check();
    if (result !== undefined) return result;
    await sleep(poller.intervalMs);
  }
  throw new NetworkError(network, "TRANSIENT", `${what} was still processing after ${Math.round((poller.attempts * poller.intervalMs) / 1000)} s.`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a stream in fixed-size chunks (the last may be shorter) without holding the whole file. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>, chunkSize: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const reader = stream.getReader();
  let buffer = new Uint8Array(chunkSize);
  let filled = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let offset = 0;
    while (offset < value.length) {
      const take = Math.min(chunkSize - filled, value.length - offset);
      buffer.set(value.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === chunkSize) {
        yield buffer;
        buffer = new Uint8Array(chunkSize);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}

/** Networks that take one video or several images per post, never both (X, LinkedIn, Facebook, TikTok). */
export function singleVideoIssues(networkName: string, media: PublishMedia[]): ValidationIssue[] {
  const videos = media.filter((m) => m.kind === "VIDEO").length;
  if (videos > 0 && media.length > 1) {
    return [{ field: "media", severity: "error", message: `${networkName} takes one video per post, without other media.` }];
  }
  return [];
}

export function hashtagIssues(networkName: string, content: PostContent, max: number): ValidationIssue[] {
  const count = (content.text.match(/(^|\s)#[\p{L}\p{N}_]+/gu) ?? []).length;
  return count > max ? [{ field: "text", severity: "error", message: `${networkName} allows ${max} hashtags per post; this has ${count}.` }] : [];
}

/**
 * The form in which a sent text and the text a network stores are compared when looking for a
 * lost attempt's post: Unicode NFC, CRLF as LF, outer whitespace trimmed (networks trim). Nothing
 * else is forgiven: a recurring series or an edited variant differs in a character, and that is
 * a different post. Each network undoes its own rewriting (t.co links, entities) before this.
 */
export function comparableText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

export function sameText(sent: string, stored: string | null | undefined): boolean {
  return stored != null && comparableText(sent) === comparableText(stored);
}

/** X (and others) return `&`, `<` and `>` HTML-escaped in post text. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name] ?? _m);
}

/** Only a post made at or after the attempt can be the attempt's. */
export function createdSince(createdAt: Date | number | string | null | undefined, createdAfter: Date): boolean {
  if (createdAt == null) return false;
  const time = createdAt instanceof Date ? createdAt.getTime() : typeof createdAt === "number" ? createdAt : Date.parse(createdAt);
  return Number.isFinite(time) && time >= createdAfter.getTime();
}

export const NOT_VISIBLE: PublishedLookup = { kind: "not-visible" };

export function foundPost(result: PublishResult): PublishedLookup {
  return { kind: "found", result };
}

export function lookupUnsupported(reason: string): PublishedLookup {
  return { kind: "unsupported", reason };
}

export function firstComment(content: PostContent): string | undefined {
  const text = content.firstComment?.trim();
  return text ? text : undefined;
}

/** A post the network no longer has: `fetchPost` says not live, `deletePost` is done already. */
export async function unlessNotFound<T>(action: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof NetworkError && error.code === "NOT_FOUND") return fallback;
    throw error;
  }
}

/**
 * For steps after the post exists (first comment, permalink): a failure must not fail the publish,
 * since a retry would post twice. The caller sees `null` instead.
 */
export async function afterPublish<T>(action: () => Promise<T>): Promise<T | null> {
  try {
    return await action();
  } catch {
    return null;
  }
}

/**
 * Posts the first comment once the post exists. Its failure must not fail the publish (a retry
 * would post twice), so it is returned as `firstCommentError` for the app to show.
 */
export async function postFirstComment(comment: string | null | undefined, action: (comment: string) => Promise<string | null>): Promise<{ firstCommentId: string | null; firstCommentError: string | null }> {
  if (!comment) return { firstCommentId: null, firstCommentError: null };
  try {
    return { firstCommentId: await action(comment), firstCommentError: null };
  } catch (error) {
    return { firstCommentId: null, firstCommentError: error instanceof Error ? error.message : String(error) };
  }
}
