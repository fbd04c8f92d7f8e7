import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Imported first by every core test file. The Sandbox answers at once and never fails unless a
 * test asks it to; media goes to a temporary directory; no network keys or AI leak in from the
 * developer's shell.
 */
if (!process.env.DATABASE_URL) {
  throw new Error(
    "DATABASE_URL is not set. The @mg/integrations tests run against PostgreSQL, e.g.\n" +
      "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mg_integrations_test pnpm exec vitest run packages/integrations",
  );
}
process.env.SANDBOX_ENABLED = "1";
process.env.SANDBOX_FAILURE_RATE = "0";
process.env.SANDBOX_LATENCY_MS = "0";
process.env.APP_URL = "http://app.test:3000";
process.env.MEDIA_DIR = mkdtempSync(join(tmpdir(), "mg-media-"));
for (const key of [
  "TOKEN_ENCRYPTION_KEY",
  "TOKEN_ENCRYPTION_PREVIOUS_KEYS",
  "UPLOADTHING_TOKEN",
  "FACEBOOK_APP_ID",
  "FACEBOOK_APP_SECRET",
  "LINKEDIN_CLIENT_ID",
  "LINKEDIN_CLIENT_SECRET",
  "X_CLIENT_ID",
  "X_CLIENT_SECRET",
  "TIKTOK_CLIENT_KEY",
  "TIKTOK_CLIENT_SECRET",
  "TIKTOK_VERIFIED_URL_PREFIXES",
  "LINKEDIN_APP_MODE",
  "LINKEDIN_API_VERSION",
  "OPENAI_API_KEY",
  "OPENAI_BASE_URL",
]) {
  delete process.env[key];
}

export {};
