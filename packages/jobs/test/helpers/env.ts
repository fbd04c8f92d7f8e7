/**
 * Imported first by every test file. The jobs tests need a real PostgreSQL; they never skip.
 * Mail must take the dev-outbox path unless a test builds its own SMTP mailer.
 */
if (!process.env.DATABASE_URL) {
  throw new Error(
    "DATABASE_URL is not set. The @mg/jobs tests run against PostgreSQL, e.g.\n" +
      "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mg_jobs_test pnpm --filter @mg/db migrate\n" +
      "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/mg_jobs_test pnpm exec vitest run packages/jobs",
  );
}
process.env.SMTP_URL = "";
// The SDK falls back to these when a client option is unset; tests configure clients explicitly.
delete process.env.INNGEST_EVENT_KEY;
delete process.env.INNGEST_BASE_URL;
delete process.env.INNGEST_DEV;

export {};
