import { describe, expect, it } from "vitest";
import { pendingSchemaChanges } from "../src/migrations/create";
import { readMigrations } from "../src/migrations/files";
import { rlsForCreatedTables } from "../src/migrations/rls-sql";
import { TENANT_TABLES } from "../src/tenancy/tenant-models";

describe("migrations", () => {
  it("the committed migrations match schema.prisma (no pending change)", async () => {
    expect(await pendingSchemaChanges()).toBeNull();
  }, 120_000);

  it("every tenant table gets RLS in the migration that creates it", () => {
    const all = readMigrations()
      .map((m) => m.sql)
      .join("\n");
    for (const table of [...Object.values(TENANT_TABLES), "organizations"]) {
      expect(all, table).toContain(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY;`);
      expect(all, table).toMatch(new RegExp(`CREATE POLICY "tenant_isolation" ON "${table}"`));
    }
  });

  it("generates RLS for a newly created tenant table", () => {
    const sql = rlsForCreatedTables('CREATE TABLE "audit_logs" ("id" UUID NOT NULL);');
    expect(sql).toContain('ALTER TABLE "audit_logs" ENABLE ROW LEVEL SECURITY;');
    expect(sql).toContain("nullif(current_setting('app.current_organization_id', true), '')::uuid");
  });
});
