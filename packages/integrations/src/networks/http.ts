import { z } from "zod";
import { NetworkError, type NetworkErrorCode, type NetworkId } from "../types";

/**
 * The one place where the real network adapters touch HTTP: timeouts, JSON parsing and turning
 * every failure into a `NetworkError` whose `message` is the network's own words.
 *
 * Ambiguous outcomes: a timeout or a dropped connection after the request left this process is a
 * TRANSIENT error with `status` undefined. The network may or may not have acted on it (a post may
 * exist), so the publisher must check the ledger / `findPublished` before sending it again.
 */

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** What the registry passes to every `createXxxAdapter` (from env; tests point the URLs at fakes). */
export interface NetworkAdapterConfig {
  clientId: string;
  clientSecret: string;
  /** API host, e.g. https://graph.facebook.com. Also the OAuth host when `authBaseUrl` is unset. */
  apiBaseUrl?: string;
  /** Host of the consent page (and of the token endpoint where the network keeps it there). */
  authBaseUrl?: string;
  fetch?: FetchLike;
  /** Per HTTP request. Default 30 s. */
  timeoutMs?: number;
  /** Waiting for media processing (Instagram containers, X video, TikTok publish). */
  pollIntervalMs?: number;
  maxPollAttempts?: number;
  /** The clock reset headers are read against (tests share the fake network's). */
  now?: () => Date;
}

export interface ErrorDescription {
  code: NetworkErrorCode;
  message: string;
  retryAfterSeconds?: number;
  /** The network's own error object, kept as the NetworkError's `cause` (e.g. Graph's code and subcode). */
  cause?: unknown;
}

export interface ErrorContext {
  status: number;
  headers: Headers;
  /** When the answer arrived, for reading reset times. */
  now: Date;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
  text: string;
}

/** A network's reading of its own error bodies; anything it leaves out falls back to the defaults. */
export type ErrorInterpreter = (context: ErrorContext, fallback: ErrorDescription) => ErrorDescription;

export interface HttpRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  token?: string;
  json?: unknown;
  form?: Record<string, string | undefined>;
  /** Raw body (binary upload or multipart). */
  body?: BodyInit;
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
  /** The raw body: JSON numbers beyond 2^53 (TikTok post ids) must be read from it. */
  text: string;
}

export interface HttpClient {
  send<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<HttpResponse<z.output<S>>>;
  json<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>>;
  /** GET a public media URL as a stream (for networks that want the bytes, not a link). */
  download(url: string): Promise<Response>;
}

export interface HttpClientOptions {
  network: NetworkId;
  displayName: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  interpretError?: ErrorInterpreter;
  /** Some networks answer 200 with an error inside (TikTok `error.code`, X `errors` without `data`). */
  inspectSuccess?: (context: ErrorContext) => ErrorDescription | undefined;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());
  const fail = (description: ErrorDescription, status: number | undefined, cause?: unknown) =>
    new NetworkError(options.network, description.code, description.message, { status, retryAfterSeconds: description.retryAfterSeconds, cause });

  async function raw(request: HttpRequest): Promise<{ response: Response; text: string }> {
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    const headers = new Headers(request.headers);
    if (request.token) headers.set("authorization", `Bearer ${request.token}`);
    if (!headers.has("accept")) headers.set("accept", "application/json");
    let body: BodyInit | undefined = request.body;
    if (request.json !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(request.json);
    } else if (request.form) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(request.form)) if (value !== undefined) form.set(key, value);
      body = form;
    }
    try {
      const response = await doFetch(url, { method: request.method ?? "GET", headers, body, signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
      // The timeout also covers reading the body: a stalled answer is as ambiguous as none.
      const text = await response.text();
      return { response, text };
    } catch (error) {
      throw transportError(error);
    }
  }

  function transportError(error: unknown): NetworkError {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      return fail({ code: "TRANSIENT", message: `${options.displayName} did not answer within ${Math.round(timeoutMs / 1000)} s; the request may or may not have been applied.` }, undefined, error);
    }
    const code = errorCode(error);
    const detail = code ?? innermostMessage(error);
    return fail({ code: "TRANSIENT", message: `${options.displayName} could not be reached (${detail}).` }, undefined, error);
  }

  async function send<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<HttpResponse<z.output<S>>> {
    const { response, text } = await raw(request);
    const body = parseJson(text);
    const context: ErrorContext = { status: response.status, headers: response.headers, body, text, now: now() };
    if (!response.ok) {
      const fallback = defaultDescription(context, context.now);
      const description = options.interpretError ? options.interpretError(context, fallback) : fallback;
      throw fail(description, response.status, description.cause);
    }
    const refusal = options.inspectSuccess?.(context);
    if (refusal) throw fail(refusal, response.status);
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw fail({ code: "UNKNOWN", message: `${options.displayName} sent an unexpected answer: ${z.prettifyError(parsed.error).slice(0, 500)}` }, response.status);
    }
    return { status: response.status, headers: response.headers, data: parsed.data, text };
  }

  async function download(url: string): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(url, { signal: AbortSignal.timeout(Math.max(timeoutMs, 10 * 60_000)) });
    } catch (error) {
      throw transportError(error);
    }
    if (!response.ok || !response.body) {
      // Our own media host failed, not the network: worth a retry unless the file is gone.
      const code: NetworkErrorCode = response.status === 404 || response.status === 410 ? "INVALID_CONTENT" : "TRANSIENT";
      throw fail({ code, message: `The media file ${url} could not be read (HTTP ${response.status}).` }, undefined);
    }
    return response;
  }

  return {
    send,
    json: async (request, schema) => (await send(request, schema)).data,
    download,
  };
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (typeof current === "object" && "code" in current && typeof current.code === "string") return current.code;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

function innermostMessage(error: unknown): string {
  let current: unknown = error;
  let message = String(error);
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    message = current.message;
    current = current.cause;
  }
  return message;
}

/** Status-based mapping plus the common shapes of error messages; networks refine it. */
export function defaultDescription(context: ErrorContext, now: Date): ErrorDescription {
  const message = extractMessage(context.body) ?? (context.text.trim().slice(0, 500) || `HTTP ${context.status}`);
  const { status } = context;
  if (status === 401) return { code: "AUTH_EXPIRED", message };
  if (status === 429) return { code: "RATE_LIMITED", message, retryAfterSeconds: retryAfterFromHeaders(context.headers, now) ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS };
  if (status === 404 || status === 410) return { code: "NOT_FOUND", message };
  if (status === 408 || status >= 500) return { code: "TRANSIENT", message };
  if (status >= 400) return { code: "INVALID_CONTENT", message };
  return { code: "UNKNOWN", message };
}

function extractMessage(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const error = body.error;
  if (isRecord(error) && typeof error.message === "string" && error.message !== "") return error.message;
  for (const key of ["detail", "message", "error_description", "title"] as const) {
    const value = body[key];
    if (typeof value === "string" && value !== "") return value;
  }
  if (typeof error === "string") return error;
  return undefined;
}

/**
 * Seconds to wait, from `Retry-After` (seconds or HTTP date) or the epoch-seconds reset headers
 * (`x-rate-limit-reset` on X, `x-ratelimit-reset` elsewhere).
 */
export function retryAfterFromHeaders(headers: Headers, now: Date): number | undefined {
  const retryAfter = headers.get("retry-after");
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(1, Math.ceil((date - now.getTime()) / 1000));
  }
  for (const name of ["x-rate-limit-reset", "x-ratelimit-reset"]) {
    const value = Number(headers.get(name) ?? Number.NaN);
    if (Number.isFinite(value) && value > 0) {
      // Some hosts send seconds-until-reset instead of an epoch: anything below a year is a delta.
      const seconds = value > 365 * 86_400 ? value - now.getTime() / 1000 : value;
      return Math.max(1, Math.ceil(seconds));
    }
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
