import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The architecture's own rules, enforced by lint (eslint.config.mjs): the system path only in the
 * places docs/tenancy.md allows, configuration only through each package's env.ts. Linted as if
 * the code sat at each path, so moving a file or widening the allow-list shows up here.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const SYSTEM_IMPORT = 'import { systemDb } from "@mg/db/system";\nexport const db = systemDb;\n';
const ENV_READ = "export const secret = process.env.AUTH_SECRET;\n";

describe("lint-enforced boundaries", () => {
  it("refuses the system path in a router, a service, a web page and a job", async () => {
    for (const path of ["packages/api/src/routers/posts/write.ts", "packages/api/src/services/posts/save-post.ts", "apps/web/src/app/[orgSlug]/page.tsx", "packages/jobs/src/publishing/publish-target.ts"]) {
      expect(await ruleIds(SYSTEM_IMPORT, path), path).toContain("no-restricted-imports");
    }
  });

  it("allows it where the tenancy doc says (deciding the tenant, auth, invitation lookup, job bookkeeping)", async () => {
    for (const path of ["packages/api/src/tenancy/resolve-access.ts", "packages/api/src/auth/sessions.ts", "packages/api/src/routers/members/accept.ts", "packages/jobs/src/outbox/store.ts", "packages/api/test/fixtures.ts"]) {
      expect(await ruleIds(SYSTEM_IMPORT, path), path).not.toContain("no-restricted-imports");
    }
  });

  it("refuses process.env outside a package's env.ts", async () => {
    expect(await ruleIds(ENV_READ, "packages/api/src/auth/options.ts")).toContain("no-restricted-properties");
    expect(await ruleIds(ENV_READ, "apps/web/src/app/layout.tsx")).toContain("no-restricted-properties");
    expect(await ruleIds(ENV_READ, "packages/api/src/env.ts")).not.toContain("no-restricted-properties");
    expect(await ruleIds(ENV_READ, "apps/web/src/env.ts")).not.toContain("no-restricted-properties");
  });
});
