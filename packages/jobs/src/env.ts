import { z } from "zod";

/**
 * The jobs package's configuration (job engine + mail). Every variable is optional so that a
 * fresh checkout works offline: without an engine, events wait in the outbox; without SMTP,
 * mail is captured in the dev outbox.
 *
 * For .env.example:
 *
 * # --- Background jobs (Inngest) -------------------------------------------------------------
 * # Key used to send events to Inngest Cloud / a self-hosted engine. Unset: events are kept in
 * # the event_outbox table and replayed later with `pnpm --filter @mg/jobs jobs:replay`.
 * # INNGEST_EVENT_KEY=
 * # Key the engine signs its calls to /api/inngest with (required by the engine in cloud mode).
 * # INNGEST_SIGNING_KEY=
 * # Local dev server: `1` (http://localhost:8288) or its URL. Unset or `0`: cloud mode.
 * # INNGEST_DEV=1
 * # Where a self-hosted engine (`inngest start`) listens, e.g. http://localhost:8288. Overrides
 * # the Inngest Cloud / dev-server default for both the event and the API endpoints.
 * # INNGEST_BASE_URL=
 *
 * # --- Mail -----------------------------------------------------------------------------------
 * # SMTP server, smtp://user:pass@host:587 (STARTTLS when offered) or smtps://user:pass@host:465.
 * # Unset: mail is stored in the dev_mail table and shown at /dev/outbox.
 * # SMTP_URL=
 * # Sender of every mail.
 * # MAIL_FROM="Marketing Genius <no-reply@marketing-genius.local>"
 * # Public URL of the web app, used for links in mail.
 * # APP_URL=http://localhost:3000
 */

// `FOO=` in a .env file means "not set", not "set to the empty string".
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());

/** What the SDK accepts for INNGEST_DEV: a boolean flag or the dev server's URL (scheme optional). */
function isDevSetting(value: string): boolean {
  if (/^(1|0|true|false)$/i.test(value.trim())) return true;
  try {
    new URL(value.includes("://") ? value : `http://${value}`);
    return true;
  } catch {
    return false;
  }
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  INNGEST_EVENT_KEY: optional(z.string()),
  INNGEST_SIGNING_KEY: optional(z.string()),
  INNGEST_DEV: optional(z.string().refine(isDevSetting, "INNGEST_DEV must be 1/0/true/false or the dev server's URL")),
  INNGEST_BASE_URL: optional(z.url({ protocol: /^https?$/, error: "INNGEST_BASE_URL must be an http(s) URL" })),
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "SMTP_URL must look like smtp://user:pass@host:587" })),
  MAIL_FROM: z.preprocess(unsetIfEmpty, z.string().min(3).default("Marketing Genius <no-reply@marketing-genius.local>")),
  APP_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/ }).default("http://localhost:3000")),
});

export type JobsEnv = z.infer<typeof schema>;

let cached: JobsEnv | undefined;

/** Parsed once per process; throws one readable error listing every invalid variable. */
export function jobsEnv(source: NodeJS.ProcessEnv = process.env): JobsEnv {
  if (source === process.env && cached) return cached;
  // One public URL for every link the product mails: APP_URL, else the auth URL the app already has.
  const parsed = schema.safeParse({ ...source, APP_URL: source.APP_URL || source.NEXTAUTH_URL });
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid jobs configuration:\n${message}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** Whether the environment names any job engine (cloud key, self-hosted URL or dev server). */
export function engineConfiguredInEnv(env: JobsEnv = jobsEnv()): boolean {
  const dev = parseInngestDev(env.INNGEST_DEV);
  return Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_BASE_URL || dev.devUrl || dev.isDev);
}

/** `INNGEST_DEV` as the SDK reads it: a mode flag, or a URL (which also means dev mode). */
export function parseInngestDev(value: string | undefined): { isDev?: boolean; devUrl?: string } {
  if (value === undefined) return {};
  const flag = value.trim().toLowerCase();
  if (flag === "1" || flag === "true") return { isDev: true };
  if (flag === "0" || flag === "false") return { isDev: false };
  return { isDev: true, devUrl: value.includes("://") ? value : `http://${value}` };
}

const spacingSchema = z.preprocess(unsetIfEmpty, z.coerce.number().int().nonnegative().optional());

/**
 * PUBLISH_ACCOUNT_SPACING_MS, read on every call so tests (vi.stubEnv) and operators can change it
 * without restarting: minimum milliseconds between two publishes on one social account.
 */
export function publishAccountSpacingSetting(source: NodeJS.ProcessEnv = process.env): number | undefined {
  const parsed = spacingSchema.safeParse(source.PUBLISH_ACCOUNT_SPACING_MS);
  if (!parsed.success) throw new Error("PUBLISH_ACCOUNT_SPACING_MS must be a whole number of milliseconds");
  return parsed.data;
}
