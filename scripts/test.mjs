// `pnpm test`: lint, typecheck, unit + integration tests, build, end-to-end — against a fresh
// database: a new database on the server in DATABASE_URL (CI: the local PostgreSQL), or a
// throwaway embedded PGlite server when DATABASE_URL is unset.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import pg from "pg";
import { startEmbeddedDb } from "./lib/embedded-db.mjs";
import { mustRun } from "./lib/run.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const VITEST_REPORT = resolve(root, ".test-reports/vitest.json");
const PLAYWRIGHT_REPORT = resolve(root, ".test-reports/playwright.json");
for (const report of [VITEST_REPORT, PLAYWRIGHT_REPORT]) rmSync(report, { force: true });
mkdirSync(resolve(root, ".test-reports"), { recursive: true }); // not test-results/: Playwright empties that
const only = new Set(process.argv.slice(2)); // e.g. `pnpm test unit e2e`
const want = (step) => only.size === 0 || only.has(step);
const started = Date.now();

async function freshServerDatabase(serverUrl) {
  // MG_TEST_DATABASE lets parallel runs on one server keep apart (default mg_test).
  const name = process.env.MG_TEST_DATABASE ?? "mg_test";
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`MG_TEST_DATABASE must be a plain lower-case identifier, not ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), stop: async () => {} };
}

const database = process.env.DATABASE_URL
  ? await freshServerDatabase(process.env.DATABASE_URL)
  : await startEmbeddedDb({ dataDir: "memory://", port: Number(process.env.MG_TEST_DB_PORT ?? 54339) });

const env = {
  ...process.env,
  DATABASE_URL: database.url,
  AUTH_SECRET: process.env.AUTH_SECRET ?? "test-secret-for-the-test-suite-only-0123456789",
  // One token key for the seed, the tests and the production build the browser tests run.
  TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? "9f2b7c1e4d8a6f3b0c5e7a9d1f4b6c8e2a0d3f5b7c9e1a4d6f8b0c2e4a6d8f0b",
  NEXTAUTH_URL: "http://localhost:3000",
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
  PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_REPORT,
};

/** Passed/failed counts from the runners' JSON reports, for one plain closing line. */
function counts() {
  let passed = 0;
  let failed = 0;
  if (existsSync(VITEST_REPORT)) {
    const report = JSON.parse(readFileSync(VITEST_REPORT, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
  }
  if (existsSync(PLAYWRIGHT_REPORT)) {
    const stats = JSON.parse(readFileSync(PLAYWRIGHT_REPORT, "utf8")).stats ?? {};
    passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed += stats.unexpected ?? 0;
  }
  return { passed, failed };
}

let exitCode = 0;
try {
  if (process.env.MG_SKIP_GENERATE !== "1") await mustRun("generate the Prisma client", "pnpm", ["--filter", "@mg/db", "generate"], { env, cwd: root });
  if (want("lint")) await mustRun("lint", "pnpm", ["exec", "turbo", "run", "lint", "--ui=stream"], { env, cwd: root });
  if (want("typecheck")) await mustRun("typecheck", "pnpm", ["exec", "turbo", "run", "typecheck", "--ui=stream"], { env, cwd: root });
  await mustRun("migrate the test database", "pnpm", ["--filter", "@mg/db", "migrate"], { env, cwd: root });
  await mustRun("seed demo data", "pnpm", ["--filter", "@mg/db", "seed"], { env, cwd: root });
  await mustRun("seed social demo data", "pnpm", ["--filter", "@mg/api", "seed:social"], { env, cwd: root });
  if (want("unit")) {
    // The embedded database is one backend session (docs/architecture.md): while one test file holds
    // a long transaction (a 50,000-contact tenant deleted), a second worker's queries only wait and
    // time out. There the files run one at a time, with room for the slower WASM engine.
    const embedded = process.env.DATABASE_URL ? [] : ["--maxWorkers=1", "--testTimeout=120000", "--hookTimeout=240000"];
    await mustRun("unit and integration tests (vitest)", "pnpm", ["exec", "vitest", "run", ...embedded, "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_REPORT}`], { env, cwd: root });
  }
  if (want("build") || want("e2e")) await mustRun("build", "pnpm", ["exec", "turbo", "run", "build", "--ui=stream"], { env, cwd: root });
  if (want("e2e")) await mustRun("end-to-end tests (Playwright + Chromium)", "pnpm", ["exec", "playwright", "test"], { env, cwd: root });
} catch (error) {
  console.error(`\n${error.message}`);
  exitCode = error.exitCode ?? 1;
} finally {
  await database.stop();
}
const { passed, failed } = counts();
if (exitCode === 0 && failed > 0) exitCode = 1;
console.log(`\n${exitCode === 0 ? "All test steps passed" : "Tests FAILED"} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
