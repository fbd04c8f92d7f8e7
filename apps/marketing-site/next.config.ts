import type { NextConfig } from "next";
import { baseSecurityHeaders, nextConfigSecurityHeaders, securityHeaderOptions } from "@mg/api/security-headers";

/**
 * What src/proxy.ts does not run for (its `matcher`): these get the resource CSP here, pages get
 * their nonce CSP from the proxy. Keep the two in step; e2e/security-headers.spec.ts checks both.
 */
// (/p/… is excluded from the proxy too, but sets its own CSP in its route handler: not listed here.)
export const PROXY_EXCLUDED = ["/api/:path+", "/_next/:path+", "/icon.svg", "/favicon.ico", "/robots.txt", "/forms.js", "/forms.css", "/embed.js"];
/**
 * The lead forms' pages set their own CSP and framing (the embed iframe must be frameable by the
 * tenant's site): they get the base headers without X-Frame-Options, and no second CSP.
 */
const FORM_PAGES = "/f/:path*";
/**
 * Nobody may frame the site for now. Landing pages that must embed (a lead form on a customer's
 * site) will set their own frame-ancestors when they exist; docs/security-headers.md.
 */
const FRAME_ANCESTORS = "'none'";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    const options = securityHeaderOptions({ nodeEnv: process.env.NODE_ENV, frameAncestors: FRAME_ANCESTORS });
    return [
      ...nextConfigSecurityHeaders(options, PROXY_EXCLUDED).map((rule) => (rule.source === "/:path*" ? { ...rule, source: "/:path((?!f/).*)" } : rule)),
      { source: FORM_PAGES, headers: baseSecurityHeaders(options).filter((h) => h.key !== "X-Frame-Options") },
    ];
  },
  // Workspace packages ship TypeScript source. The public routes (landing pages, forms, short links,
  // consent) reach the database through @mg/api → @mg/db, as the web app does.
  transpilePackages: ["@mg/ui", "@mg/api", "@mg/db", "@mg/pages", "@mg/jobs", "@mg/integrations", "@mg/scheduling", "@mg/logger"],
  // Native or Node-only modules stay outside the server bundle (the web app's list).
  serverExternalPackages: ["wink-nlp", "wink-eng-lite-web-model", "@node-rs/argon2", "pg", "@prisma/adapter-pg", "nodemailer", "@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm"],
};

export default nextConfig;
