import { defineConfig, devices } from "@playwright/test";

// Real Chromium (Debian's; Playwright cannot download its own here) against the production
// builds of both apps, on the database prepared by `pnpm test`.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The Sandbox keeps its latency but not its random failures, so a flow is never flaky by design
// (retries after transient failures are proven in the jobs tests).
const serverEnv = { ...process.env, MG_DEV_OUTBOX: "1", RATE_LIMIT_MULTIPLIER: "50", NODE_ENV: "production", SANDBOX_FAILURE_RATE: "0" } as Record<string, string>;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // JSON for `pnpm test`'s closing "N passed, N failed" line (PLAYWRIGHT_JSON_OUTPUT_FILE).
  reporter: process.env.CI ? [["list"], ["json"]] : [["list"], ["json"], ["html", { open: "never" }]],
  use: {
    baseURL: "http://localhost:3000",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: "pnpm --filter @mg/web start",
      url: "http://localhost:3000/api/health",
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      env: serverEnv,
      stdout: "pipe",
    },
    {
      command: "pnpm --filter @mg/marketing-site start",
      url: "http://localhost:3001",
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
      env: serverEnv,
    },
  ],
});
