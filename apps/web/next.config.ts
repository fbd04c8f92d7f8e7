import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Workspace packages ship TypeScript source (the Prisma client is generated as ESM .ts into
  // packages/db/src/generated), so they are compiled by the app's bundler.
  transpilePackages: ["@mg/ui", "@mg/api", "@mg/db", "@mg/jobs", "@mg/integrations", "@mg/scheduling"],
  // Native or Node-only modules stay outside the server bundle.
  serverExternalPackages: ["wink-nlp", "wink-eng-lite-web-model", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "nodemailer", "@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
