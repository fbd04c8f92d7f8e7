import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { appSourceAlias } from "./tooling/vitest/app-source-alias";

// Unit and integration tests of every package, against the real database in DATABASE_URL
// (`pnpm test` provides a fresh, migrated one: the local PostgreSQL in CI, embedded otherwise).
export default defineConfig({
  plugins: [appSourceAlias(fileURLToPath(new URL(".", import.meta.url)))],
  test: {
    include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts", "bench/*.test.ts"],
    environment: "node",
    globalSetup: ["./tooling/vitest/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    env: { NODE_ENV: "test" },
  },
});
