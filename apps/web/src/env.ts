import { z } from "zod";

/**
 * The web app's own configuration. Server secrets (auth, database, mail, jobs) are validated by
 * the packages that use them (`@mg/api/env`, `@mg/db/env`, `@mg/jobs/env`).
 *
 * `process.env.NEXT_PUBLIC_*` must be read literally so Next can inline it into client bundles.
 */
const publicSchema = z.object({
  NEXT_PUBLIC_MARKETING_URL: z
    .url({ protocol: /^https?$/, error: "NEXT_PUBLIC_MARKETING_URL must be an http(s) URL" })
    .default("http://localhost:3001")
    .transform((url) => url.replace(/\/+$/, "")),
});

const parsedPublic = publicSchema.safeParse({
  // `FOO=` in a .env file means "not set".
  NEXT_PUBLIC_MARKETING_URL: process.env.NEXT_PUBLIC_MARKETING_URL || undefined,
});
if (!parsedPublic.success) {
  throw new Error(`Invalid web app environment:\n${z.prettifyError(parsedPublic.error)}`);
}

export const env = parsedPublic.data;

/**
 * `next dev` (browser and server alike): Next inlines `process.env.NODE_ENV` into every bundle, so
 * this is fixed per build — use `serverEnv()` for settings that must be read at request time.
 */
export const isDevelopment = process.env.NODE_ENV === "development";

const serverSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** `1` shows /dev/outbox (captured mail): `pnpm dev` and the end-to-end tests set it; never in production. */
  MG_DEV_OUTBOX: z.enum(["0", "1"]).optional(),
  /** The built-in scheduler: `1` always, `0` never, unset when no job engine answers (instrumentation.ts). */
  MG_LOCAL_SCHEDULER: z.enum(["0", "1"]).optional(),
});

/** Server-only settings, read at request time (never inlined into a build). */
export function serverEnv() {
  const parsed = serverSchema.safeParse({
    NODE_ENV: process.env.NODE_ENV,
    MG_DEV_OUTBOX: process.env.MG_DEV_OUTBOX || undefined,
    MG_LOCAL_SCHEDULER: process.env.MG_LOCAL_SCHEDULER?.trim() || undefined,
  });
  if (!parsed.success) throw new Error(`Invalid web app environment:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The dev outbox lists every captured mail, sign-in links included: on only when MG_DEV_OUTBOX=1
 * is set explicitly (`pnpm dev` and the end-to-end tests do), never because of NODE_ENV.
 */
export function devOutboxEnabled(): boolean {
  return serverEnv().MG_DEV_OUTBOX === "1";
}
