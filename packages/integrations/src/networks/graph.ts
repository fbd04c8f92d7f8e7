import { createHmac } from "node:crypto";
import { z } from "zod";
import { NetworkError, type AuthorizationRequest, type CodeExchange, type NetworkId, type PostMetrics, type TokenSet } from "../types";
import { baseUrls, oauthTokenSchema, tokenSetFrom } from "./common";
import { createHttpClient, isRecord, retryAfterFromHeaders, type ErrorContext, type ErrorDescription, type HttpClient, type NetworkAdapterConfig } from "./http";

/** Meta's Graph API, shared by the Facebook Pages and Instagram adapters (one Meta app). */
export const GRAPH_VERSION = "v25.0";

const graphErrorSchema = z.object({
  error: z.object({
    message: z.string(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

// Graph throttling arrives as 400/403 with these codes as often as with a 429.
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
// The session/token itself is gone: only a reconnect helps.
const AUTH_CODES = new Set([102, 190]);
// "(#506) Duplicate status message": Facebook refuses a page post repeating a recent one.
const DUPLICATE_CODE = 506;

/**
 * Code 10 and 200–299 are permission errors (the app lacks a permission or feature, or the page
 * role lacks a task): the token is fine, so they are refusals, never a reconnect prompt.
 */
export function isGraphPermissionCode(code: number | undefined): boolean {
  return code === 10 || (code !== undefined && code >= 200 && code <= 299);
}
// Instagram: "The media is not ready for publishing" and friends.
const NOT_READY_SUBCODES = new Set([2207027, 2207001]);
// Instagram's content publishing limit (posts per 24 h).
const PUBLISHING_LIMIT_SUBCODE = 2207042;

export function interpretGraphError(context: ErrorContext, fallback: ErrorDescription): ErrorDescription {
  const parsed = graphErrorSchema.safeParse(context.body);
  if (!parsed.success) return fallback;
  const description = describeGraphError(context, fallback, parsed.data.error);
  return { ...description, cause: parsed.data.error };
}

/** Meta's error object behind a NetworkError from the Graph API, if there was one. */
export function graphErrorOf(error: NetworkError): z.output<typeof graphErrorSchema>["error"] | undefined {
  const parsed = graphErrorSchema.shape.error.safeParse(error.cause);
  return parsed.success ? parsed.data : undefined;
}

function describeGraphError(context: ErrorContext, fallback: ErrorDescription, error: z.output<typeof graphErrorSchema>["error"]): ErrorDescription {
  const { message, code, error_subcode: subcode, is_transient: isTransient } = error;
  if (code !== undefined && (RATE_LIMIT_CODES.has(code) || (code >= 80_001 && code <= 80_014))) {
    return { code: "RATE_LIMITED", message, retryAfterSeconds: usageWaitSeconds(context.headers) ?? retryAfterFromHeaders(context.headers, context.now) ?? 300 };
  }
  if (subcode === PUBLISHING_LIMIT_SUBCODE) return { code: "RATE_LIMITED", message, retryAfterSeconds: 3600 };
  if (code !== undefined && AUTH_CODES.has(code)) return { code: "AUTH_EXPIRED", message };
  if (isGraphPermissionCode(code)) return { code: "INVALID_CONTENT", message };
  if (code === DUPLICATE_CODE) return { code: "DUPLICATE_CONTENT", message };
  if (code === 100 && subcode === 33) return { code: "NOT_FOUND", message };
  if (isTransient || code === 1 || code === 2 || (subcode !== undefined && NOT_READY_SUBCODES.has(subcode))) return { code: "TRANSIENT", message };
  return { ...fallback, message, code: fallback.code === "UNKNOWN" ? "INVALID_CONTENT" : fallback.code };
}

/** `X-Business-Use-Case-Usage` says how many minutes until access is regained. */
function usageWaitSeconds(headers: Headers): number | undefined {
  const header = headers.get("x-business-use-case-usage");
  if (!header) return undefined;
  try {
    const usage: unknown = JSON.parse(header);
    if (!isRecord(usage)) return undefined;
    const minutes = Object.values(usage)
      .flatMap((entries) => (Array.isArray(entries) ? entries : []))
      .map((entry: unknown) => (isRecord(entry) ? Number(entry.estimated_time_to_regain_access) : 0))
      .filter((n) => Number.isFinite(n));
    const max = Math.max(0, ...minutes);
    return max > 0 ? max * 60 : undefined;
  } catch {
    return undefined;
  }
}

export const idSchema = z.object({ id: z.string() });
export const successSchema = z.object({ success: z.boolean() }).loose();

const insightsSchema = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      values: z.array(z.object({ value: z.unknown() })).optional(),
      total_value: z.object({ value: z.unknown() }).optional(),
    }),
  ),
});

export type GraphParams = Record<string, string | number | boolean | undefined | null>;

export interface GraphApi {
  readonly http: HttpClient;
  get<S extends z.ZodType>(path: string, token: string, params: GraphParams, schema: S): Promise<z.output<S>>;
  post<S extends z.ZodType>(path: string, token: string, body: Record<string, unknown>, schema: S): Promise<z.output<S>>;
  delete(path: string, token: string): Promise<void>;
  insights(path: string, token: string, params: GraphParams): Promise<Map<string, number>>;
  authorizationUrl(request: AuthorizationRequest, scopes: readonly string[]): string;
  /** Code → short-lived user token → long-lived (~60 days) user token. */
  exchangeCode(exchange: CodeExchange): Promise<TokenSet>;
  extendToken(token: string): Promise<TokenSet>;
}

export function createGraphApi(network: NetworkId, displayName: string, config: NetworkAdapterConfig): GraphApi {
  const http = createHttpClient({ network, displayName, fetch: config.fetch, timeoutMs: config.timeoutMs, interpretError: interpretGraphError, now: config.now });
  const { api, auth } = baseUrls(config, { api: "https://graph.facebook.com", auth: "https://www.facebook.com" });
  const url = (path: string) => `${api}/${GRAPH_VERSION}/${path.replace(/^\/+/, "")}`;
  // Meta's "Require App Secret" setting refuses calls without this proof that the caller holds the secret.
  const proof = (token: string) => createHmac("sha256", config.clientSecret).update(token).digest("hex");

  const tokenAnswer = (query: GraphParams) =>
    http.json({ url: url("oauth/access_token"), query: { ...query, client_id: config.clientId, client_secret: config.clientSecret } }, oauthTokenSchema);

  const graph: GraphApi = {
    http,
    get: (path, token, params, schema) => http.json({ url: url(path), token, query: { ...params, appsecret_proof: proof(token) } }, schema),
    post: (path, token, body, schema) => http.json({ method: "POST", url: url(path), token, query: { appsecret_proof: proof(token) }, json: body }, schema),
    async delete(path, token) {
      await http.json({ method: "DELETE", url: url(path), token, query: { appsecret_proof: proof(token) } }, successSchema);
    },
    async insights(path, token, params) {
      const answer = await graph.get(path, token, params, insightsSchema);
      const values = new Map<string, number>();
      for (const metric of answer.data) {
        const raw = metric.total_value?.value ?? metric.values?.at(-1)?.value;
        values.set(metric.name, typeof raw === "number" ? raw : 0);
      }
      return values;
    },
    authorizationUrl(request, scopes) {
      const target = new URL(`${auth}/${GRAPH_VERSION}/dialog/oauth`);
      target.search = new URLSearchParams({
        client_id: config.clientId,
        redirect_uri: request.redirectUri,
        state: request.state,
        response_type: "code",
        scope: scopes.join(","),
      }).toString();
      return target.toString();
    },
    async exchangeCode(exchange) {
      // Meta's server-side code flow authenticates with the app secret; its PKCE support is limited to
      // the OIDC login flow, so the verifier is not sent.
      const short = await tokenAnswer({ redirect_uri: exchange.redirectUri, code: exchange.code });
      return graph.extendToken(short.access_token);
    },
    async extendToken(token) {
      const long = await tokenAnswer({ grant_type: "fb_exchange_token", fb_exchange_token: token });
      return { ...tokenSetFrom(long, new Date()), refreshToken: null };
    },
  };
  return graph;
}

export function metric(values: Map<string, number>, ...names: string[]): number {
  for (const name of names) {
    const value = values.get(name);
    if (value !== undefined) return value;
  }
  return 0;
}

export function emptyMetrics(): PostMetrics {
  return { impressions: 0, reach: 0, likes: 0, comments: 0, shares: 0, clicks: 0 };
}

/** Graph's long-lived user tokens are renewed by exchanging them again while still valid. */
export async function renewGraphToken(graph: GraphApi, network: NetworkId, displayName: string, token: string): Promise<TokenSet> {
  try {
    return await graph.extendToken(token);
  } catch (error) {
    if (error instanceof NetworkError && !error.retryable) {
      throw new NetworkError(network, "AUTH_EXPIRED", error.message || `${displayName} needs reconnecting.`, { status: error.status, cause: error });
    }
    throw error;
  }
}
