import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import nextPlugin from "@next/eslint-plugin-next";

const PRISMA_CLIENT = { name: "@prisma/client", message: "Use @mg/db: the tenant client (withOrg/forOrg) or, for system work, @mg/db/system." };
const SYSTEM_PATH = {
  name: "@mg/db/system",
  message: "The system path bypasses tenant isolation: use ctx.db / withOrg / forOrg. Only the places docs/tenancy.md names (allow-listed in eslint.config.mjs) may import it.",
};

/**
 * The only places that may use the system path (docs/tenancy.md, "The system path"): deciding the
 * tenant, authentication, invitation lookup by token, job bookkeeping and cross-tenant crons,
 * the Sandbox network's own storage, seeding, and tests.
 */
const SYSTEM_PATH_ALLOWED = [
  "packages/db/**",
  "packages/api/src/tenancy/**",
  "packages/api/src/auth/**",
  "packages/api/src/routers/members/accept.ts",
  "packages/api/src/services/social-connect.ts",
  "packages/api/src/services/demo/**",
  "packages/api/src/scripts/**",
  "packages/jobs/src/outbox/**",
  "packages/jobs/src/mailer/**",
  "packages/jobs/src/scripts/**",
  "packages/jobs/src/client.ts",
  "packages/jobs/src/provisioning.ts",
  "packages/jobs/src/local-housekeeping.ts",
  "packages/jobs/src/publishing/{sweep,tokens,recurrences,metrics}.ts",
  "packages/jobs/src/crm/expired-exports.ts",
  "packages/jobs/src/scoring/organizations.ts",
  "packages/integrations/src/sandbox/**",
  "apps/web/src/app/sandbox/sandbox-posts.ts",
  "**/test/**",
  "e2e/**",
  "bench/**",
];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/.next/**", "**/dist/**", "**/src/generated/**", "**/next-env.d.ts", "**/.cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "no-restricted-imports": ["error", { paths: [PRISMA_CLIENT, SYSTEM_PATH] }],
      // Configuration is read and validated once per package, in its env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through this package's env.ts (validated with zod), not process.env." }],
    },
  },
  { files: SYSTEM_PATH_ALLOWED, rules: { "no-restricted-imports": ["error", { paths: [PRISMA_CLIENT] }] } },
  {
    files: ["**/env.ts", "**/*.config.{ts,mjs}", "**/scripts/**", "**/test/**", "e2e/**", "tooling/**", "bench/**"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["apps/**/*.{ts,tsx}", "packages/ui/**/*.{ts,tsx}", "packages/pages/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: { ...reactHooks.configs.recommended.rules, ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules, "@next/next/no-html-link-for-pages": "off" },
  },
  {
    files: ["**/*.test.ts", "**/test/**/*.ts", "e2e/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
