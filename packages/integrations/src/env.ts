import { hkdfSync } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";

/**
 * The integrations package's configuration: token encryption, the Sandbox network, media
 * storage, social network credentials and the AI model. Everything is optional in development
 * so a fresh checkout can connect the Sandbox network and publish without any account.
 *
 * For .env.example:
 *
 * # --- Social networks (packages/integrations) -----------------------------------------------
 * # 32 random bytes, base64 or hex (`openssl rand -base64 32`), encrypting OAuth tokens at rest.
 * # Required in production. Unset in development: derived from AUTH_SECRET (or a fixed dev key),
 * # and the accounts page warns about it.
 * # TOKEN_ENCRYPTION_KEY=
 * # Former keys, comma-separated, still accepted for decryption while tokens are re-encrypted.
 * # TOKEN_ENCRYPTION_PREVIOUS_KEYS=
 * # The built-in Sandbox network (no credentials needed). On unless set to 0.
 * # SANDBOX_ENABLED=1
 * # Share of Sandbox calls that fail transiently, like a real network (0 to 1; default 0.05).
 * # SANDBOX_FAILURE_RATE=0.05
 * # Simulated Sandbox latency in milliseconds: a range "100-400" (default), a fixed "250" or "0".
 * # SANDBOX_LATENCY_MS=100-400
 * # Sandbox faults that real networks have (all off by default): posts show in lookups only after
 * # this many ms; a share of publishes lost before or after the write; duplicate text refused;
 * # idempotency keys ignored (0).
 * # SANDBOX_LOOKUP_LAG_MS=0
 * # SANDBOX_DROP_RATE=0
 * # SANDBOX_REFUSE_DUPLICATES=0
 * # SANDBOX_IDEMPOTENCY=1
 * # Public URL of the web app, used for OAuth redirect URIs and local media URLs.
 * # Default: NEXTAUTH_URL, else http://localhost:3000
 * # APP_URL=http://localhost:3000
 * # Where uploaded media is stored when uploadthing is not configured. Default <repo>/.data/media
 * # MEDIA_DIR=
 * # uploadthing token (dashboard → API keys). Set: media is stored on uploadthing.
 * # UPLOADTHING_TOKEN=
 * # Facebook Pages and Instagram (one Meta app). Redirect URI: <APP_URL>/api/integrations/facebook/callback
 * # (and …/instagram/callback).
 * # FACEBOOK_APP_ID=
 * # FACEBOOK_APP_SECRET=
 * # LinkedIn. Redirect URI: <APP_URL>/api/integrations/linkedin/callback
 * # LINKEDIN_CLIENT_ID=
 * # LINKEDIN_CLIENT_SECRET=
 * # What the LinkedIn app is (one app cannot be both): "member" — products "Share on LinkedIn" and
 * # "Sign In with LinkedIn using OpenID Connect"; members post as themselves (default) — or
 * # "organization" — an app whose only product is the Community Management API; company pages
 * # (and the member) post.
 * # LINKEDIN_APP_MODE=member
 * # LinkedIn Marketing API version (LinkedIn-Version, YYYYMM). Default: the version this release
 * # was tested with. Each is served for about a year; an inactive one fails every call (426), so
 * # a version more than 12 months old makes LinkedIn unavailable with that reason.
 * # LINKEDIN_API_VERSION=
 * # X (OAuth 2.0 client). Redirect URI: <APP_URL>/api/integrations/x/callback
 * # X_CLIENT_ID=
 * # X_CLIENT_SECRET=
 * # TikTok. Redirect URI: <APP_URL>/api/integrations/tiktok/callback
 * # TIKTOK_CLIENT_KEY=
 * # TIKTOK_CLIENT_SECRET=
 * # URL prefixes verified for the TikTok app (developer portal → URL properties), comma-separated:
 * # TikTok pulls photos only from these. Default: <APP_URL>/api/media/ (the app serves every
 * # photo from there, including files stored on uploadthing). Videos are uploaded, not pulled.
 * # TIKTOK_VERIFIED_URL_PREFIXES=
 * # API base URL overrides (a proxy, or a local fake in tests). Default: each network's own.
 * # FACEBOOK_GRAPH_URL=
 * # LINKEDIN_API_URL=
 * # X_API_URL=
 * # TIKTOK_API_URL=
 *
 * # --- AI (hashtag suggestions) ----------------------------------------------------------------
 * # Either key enables AI suggestions; without both, suggestions come from history and keywords.
 * # OPENAI_API_KEY=
 * # Any OpenAI-compatible server (Ollama, vLLM, LM Studio…), e.g. http://localhost:11434/v1
 * # OPENAI_BASE_URL=
 * # AI_MODEL=gpt-4o-mini
 */

// `FOO=` in a .env file means "not set", not "set to the empty string".
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

const httpUrl = (name: string) => z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` });

/** A 32-byte AES key written as base64/base64url (44/43 chars) or hex (64 chars). */
export function parseEncryptionKey(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return bytes.length === 32 ? bytes : null;
  }
  return null;
}

const KEY_FORMAT = "must be 32 bytes written as base64 or hex (e.g. `openssl rand -base64 32`)";

const encryptionKey = z.string().refine((v) => parseEncryptionKey(v) !== null, `TOKEN_ENCRYPTION_KEY ${KEY_FORMAT}`);

const previousKeys = z
  .string()
  .transform((v) => v.split(",").map((k) => k.trim()).filter((k) => k !== ""))
  .refine((keys) => keys.every((k) => parseEncryptionKey(k) !== null), `every TOKEN_ENCRYPTION_PREVIOUS_KEYS entry ${KEY_FORMAT}`);

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^(1|0|true|false|on|off|yes|no)$/.test(v), "must be 1/0, true/false, on/off or yes/no")
  .transform((v) => v === "1" || v === "true" || v === "on" || v === "yes");

export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

/** "100-400" (a range), "250" (fixed) or "0" (none). */
export function parseLatency(value: string): LatencyRange | null {
  const match = /^\s*(\d{1,6})\s*(?:-\s*(\d{1,6})\s*)?$/.exec(value);
  if (!match?.[1]) return null;
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  return maxMs >= minMs ? { minMs, maxMs } : null;
}

const latency = z.string().transform((v, ctx) => {
  const parsed = parseLatency(v);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: 'SANDBOX_LATENCY_MS must be "min-max" milliseconds (e.g. "100-400"), one number, or "0"' });
    return z.NEVER;
  }
  return parsed;
});

const schema = z.object({
  NODE_ENV: optional(z.string()),
  TOKEN_ENCRYPTION_KEY: optional(encryptionKey),
  TOKEN_ENCRYPTION_PREVIOUS_KEYS: z.preprocess(unsetIfEmpty, previousKeys.default([])),
  AUTH_SECRET: optional(z.string()),
  SANDBOX_ENABLED: z.preprocess(unsetIfEmpty, flag.default(true)),
  SANDBOX_FAILURE_RATE: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).default(0.05)),
  SANDBOX_LATENCY_MS: z.preprocess(unsetIfEmpty, latency.default({ minMs: 100, maxMs: 400 })),
  /** Faults of real networks, to try the exactly-once rules by hand (docs/social-publishing.md). */
  SANDBOX_LOOKUP_LAG_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(24 * 3_600_000).default(0)),
  SANDBOX_DROP_RATE: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).default(0)),
  SANDBOX_REFUSE_DUPLICATES: z.preprocess(unsetIfEmpty, flag.default(false)),
  SANDBOX_IDEMPOTENCY: z.preprocess(unsetIfEmpty, flag.default(true)),
  APP_URL: z.preprocess(unsetIfEmpty, httpUrl("APP_URL").default("http://localhost:3000")),
  MEDIA_DIR: optional(z.string()),
  UPLOADTHING_TOKEN: optional(z.string()),
  FACEBOOK_APP_ID: optional(z.string()),
  FACEBOOK_APP_SECRET: optional(z.string()),
  LINKEDIN_CLIENT_ID: optional(z.string()),
  LINKEDIN_CLIENT_SECRET: optional(z.string()),
  X_CLIENT_ID: optional(z.string()),
  X_CLIENT_SECRET: optional(z.string()),
  TIKTOK_CLIENT_KEY: optional(z.string()),
  TIKTOK_CLIENT_SECRET: optional(z.string()),
  LINKEDIN_APP_MODE: z.preprocess(unsetIfEmpty, z.enum(["member", "organization"], { error: 'LINKEDIN_APP_MODE must be "member" or "organization"' }).default("member")),
  LINKEDIN_API_VERSION: optional(z.string().trim().regex(/^\d{6}(\.\d{2})?$/, { error: "LINKEDIN_API_VERSION must be a LinkedIn version like 202607 (YYYYMM)" })),
  TIKTOK_VERIFIED_URL_PREFIXES: optional(
    z
      .string()
      .transform((v) => v.split(",").map((p) => p.trim()).filter((p) => p !== ""))
      .refine((prefixes) => prefixes.every((p) => /^https?:\/\/[^/\s]+\/\S*$/.test(p)), "every TIKTOK_VERIFIED_URL_PREFIXES entry must be an http(s) URL prefix like https://app.example.com/api/media/"),
  ),
  FACEBOOK_GRAPH_URL: optional(httpUrl("FACEBOOK_GRAPH_URL")),
  LINKEDIN_API_URL: optional(httpUrl("LINKEDIN_API_URL")),
  X_API_URL: optional(httpUrl("X_API_URL")),
  TIKTOK_API_URL: optional(httpUrl("TIKTOK_API_URL")),
  OPENAI_API_KEY: optional(z.string()),
  OPENAI_BASE_URL: optional(httpUrl("OPENAI_BASE_URL")),
  AI_MODEL: z.preprocess(unsetIfEmpty, z.string().default("gpt-4o-mini")),
});

export type IntegrationsEnv = Omit<z.infer<typeof schema>, "MEDIA_DIR" | "APP_URL"> & {
  /** Without a trailing slash. */
  APP_URL: string;
  /** Absolute. */
  MEDIA_DIR: string;
};

let cached: IntegrationsEnv | undefined;

/** Parsed once per process; throws one readable error listing every invalid variable. */
export function integrationsEnv(source: NodeJS.ProcessEnv = process.env): IntegrationsEnv {
  if (source === process.env && cached) return cached;
  const parsed = schema.safeParse({
    ...source,
    // One public URL for every link: APP_URL, else the auth URL the app already has.
    APP_URL: unsetIfEmpty(source.APP_URL) ?? source.NEXTAUTH_URL,
    AUTH_SECRET: unsetIfEmpty(source.AUTH_SECRET) ?? source.NEXTAUTH_SECRET,
  });
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  if (parsed.success && parsed.data.NODE_ENV === "production" && !parsed.data.TOKEN_ENCRYPTION_KEY) {
    issues.push(`TOKEN_ENCRYPTION_KEY: required in production (${KEY_FORMAT})`);
  }
  if (!parsed.success || issues.length > 0) {
    throw new Error(`Invalid integrations configuration:\n${issues.join("\n")}`);
  }
  const env: IntegrationsEnv = {
    ...parsed.data,
    APP_URL: parsed.data.APP_URL.replace(/\/+$/, ""),
    MEDIA_DIR: resolve(parsed.data.MEDIA_DIR ?? join(repoRoot(), ".data", "media")),
  };
  if (source === process.env) cached = env;
  return env;
}

/** Tests change process.env between cases; production code never needs this. */
export function resetIntegrationsEnv(): void {
  cached = undefined;
}

/** The monorepo root (where pnpm-workspace.yaml is), whichever app or package the process runs in. */
function repoRoot(): string {
  let dir = process.cwd();
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export type TokenKeySource = "env" | "auth-secret" | "dev-constant";

export interface TokenKeys {
  current: Buffer;
  /** Decrypt-only keys from TOKEN_ENCRYPTION_PREVIOUS_KEYS (rotation). */
  previous: Buffer[];
  source: TokenKeySource;
}

// Public on purpose: only ever used when no key is configured outside production, and the UI says so.
const DEV_KEY_MATERIAL = "marketing-genius-insecure-development-token-key";

/** The token encryption keys; outside production an unset key is derived, never random (tokens must survive restarts). */
export function tokenKeys(env: IntegrationsEnv = integrationsEnv()): TokenKeys {
  const previous = env.TOKEN_ENCRYPTION_PREVIOUS_KEYS.map((k) => parseEncryptionKey(k)).filter((k): k is Buffer => k !== null);
  const configured = env.TOKEN_ENCRYPTION_KEY ? parseEncryptionKey(env.TOKEN_ENCRYPTION_KEY) : null;
  if (configured) return { current: configured, previous, source: "env" };
  const source: TokenKeySource = env.AUTH_SECRET ? "auth-secret" : "dev-constant";
  const material = env.AUTH_SECRET ?? DEV_KEY_MATERIAL;
  const derived = Buffer.from(hkdfSync("sha256", material, "marketing-genius/token-encryption", "aes-256-gcm v1", 32));
  return { current: derived, previous, source };
}

/** Where the token key comes from, so the accounts page can warn when it is not a configured key. */
export function tokenKeySource(env: IntegrationsEnv = integrationsEnv()): TokenKeySource {
  return tokenKeys(env).source;
}
