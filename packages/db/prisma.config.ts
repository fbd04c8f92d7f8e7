import { defineConfig } from "prisma/config";

// Used by the Prisma CLI on machines that have it (migrate, studio). The project's own scripts
// (src/scripts/*) do the same work offline with the WASM schema engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx src/scripts/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
