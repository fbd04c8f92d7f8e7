import { z } from "zod";

/**
 * PLATFORM_ADMIN_EMAILS: comma- or space-separated addresses of the installation's operators,
 * who may open the platform status page (/status). Until there is a platform-admin role this
 * list is the rule; unset or empty means nobody. Addresses are compared lower-cased.
 */
export const platformAdminEmailsSchema = z
  .string()
  .transform((value) => value.split(/[\s,]+/).map((email) => email.trim().toLowerCase()).filter(Boolean))
  .pipe(z.array(z.email({ message: "PLATFORM_ADMIN_EMAILS must list email addresses separated by commas" })));

/** The API package's configuration (auth, rate limiting). Validated once, on first use. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.string().url().default("http://localhost:3000"),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  GITHUB_ID: z.string().min(1).optional(),
  GITHUB_SECRET: z.string().min(1).optional(),
  UPSTASH_REDIS_REST_URL: z.string().url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For. 0 (default): the
   * client is the TCP peer and any X-Forwarded-For a client sends is ignored.
   */
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
  /** Multiplies every rate-limit allowance; end-to-end tests raise it, never production. */
  RATE_LIMIT_MULTIPLIER: z.coerce.number().positive().max(1000).default(1),
  /**
   * The marketing site's public URL (the same variable the site and the web app read): short
   * links (/r/{code}) and their QR codes are printed on it; hosted forms, embeds and
   * confirmation links live there.
   */
  NEXT_PUBLIC_MARKETING_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .url({ protocol: /^https?$/ })
      .default("http://localhost:3001")
      .transform((url) => url.replace(/\/+$/, "")),
  ),
  /**
   * A header carrying the visitor's country that the proxy in front of the site sets and
   * overwrites (Cloudflare: cf-ipcountry; Vercel: x-vercel-ip-country). Unset: visits have no
   * country — a header any client can send is never believed.
   */
  TRUSTED_COUNTRY_HEADER: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9-]{1,64}$/, "TRUSTED_COUNTRY_HEADER must be a header name such as cf-ipcountry")
      .optional(),
  ),
  /** Who may open the platform status page (see platformAdminEmailsSchema). */
  PLATFORM_ADMIN_EMAILS: z.string().default("").pipe(platformAdminEmailsSchema),
  /**
   * Signs lead forms' render tokens and double opt-in links. Unset: a key derived from AUTH_SECRET
   * (HMAC with a fixed label), so rotating AUTH_SECRET also voids rendered forms.
   */
  FORM_TOKEN_SECRET: z.string().min(32, "FORM_TOKEN_SECRET must be at least 32 characters").optional(),
  /** Cloudflare Turnstile's siteverify endpoint (tests point it at a local fake server). */
  TURNSTILE_VERIFY_URL: z.string().url().default("https://challenges.cloudflare.com/turnstile/v0/siteverify"),
});

/**
 * The list, read on every check rather than cached with the rest so that tests can set it per
 * case; an invalid value throws here as it does at startup (apiEnv).
 */
export function platformAdminEmails(source: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const parsed = platformAdminEmailsSchema.safeParse(source.PLATFORM_ADMIN_EMAILS ?? "");
  if (!parsed.success) throw new Error(`Invalid API configuration:\nPLATFORM_ADMIN_EMAILS: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return parsed.data;
}

export type ApiEnv = z.infer<typeof schema> & { authSecret: string };

const DEV_SECRET = "development-only-secret-do-not-use-in-production-0123456789";
let cached: ApiEnv | undefined;

export function apiEnv(): ApiEnv {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid API configuration:\n${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")}`);
  }
  const secret = parsed.data.AUTH_SECRET ?? parsed.data.NEXTAUTH_SECRET;
  if (!secret && parsed.data.NODE_ENV === "production" && process.env.MG_ALLOW_DEV_SECRET !== "1") {
    throw new Error("AUTH_SECRET is required in production (32+ random characters).");
  }
  cached = { ...parsed.data, authSecret: secret ?? DEV_SECRET };
  return cached;
}
