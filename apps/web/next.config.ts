import type { NextConfig } from "next";
import { nextConfigSecurityHeaders, securityHeaderOptions } from "@mg/api/security-headers";

/**
 * What src/proxy.ts does not run for (its `matcher`): these get the resource CSP here, pages get
 * their nonce CSP from the proxy. Keep the two in step; e2e/security-headers.spec.ts checks both.
 */
export const PROXY_EXCLUDED = ["/api/:path+", "/_next/:path+", "/icon.svg", "/favicon.ico", "/robots.txt"];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // nosniff, Referrer-Policy, X-Frame-Options, Permissions-Policy and (production builds) HSTS on
  // every response; docs/security-headers.md.
  async headers() {
    return nextConfigSecurityHeaders(securityHeaderOptions({ nodeEnv: process.env.NODE_ENV, frameAncestors: "'none'" }), PROXY_EXCLUDED);
  },
  // Workspace packages ship TypeScript source (the Prisma client is generated as ESM .ts into
  // packages/db/src/generated), so they are compiled by the app's bundler.
  transpilePackages: ["@mg/ui", "@mg/api", "@mg/db", "@mg/jobs", "@mg/integrations", "@mg/scheduling", "@mg/logger", "@mg/pages"],
  // Native or Node-only modules stay outside the server bundle.
  serverExternalPackages: ["wink-nlp", "wink-eng-lite-web-model", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "nodemailer", "@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
