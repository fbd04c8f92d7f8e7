import { defineConfig } from "vitest/config";

// The jobs tests run against a real PostgreSQL (DATABASE_URL) and local fake servers.
export default defineConfig({
  test: {
    name: "jobs",
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The outbox tests wait out the SDK's built-in send retries (about 2 s) against a closed port.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
