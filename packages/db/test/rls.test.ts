import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDatabaseUrl, dbEnv } from "../src/env";
import { systemDb, disconnectAll } from "../src/system";
import { TENANT_TABLES } from "../src/tenancy/tenant-models";

/**
 * PostgreSQL itself, without Prisma or the extension: raw SQL as the app role. With no
 * organization set it sees and writes no tenant rows; with A set, only A's.
 */
let client: pg.Client;
const orgA = randomUUID();
const orgB = randomUUID();

beforeAll(async () => {
  for (const [id, tag] of [
    [orgA, "a"],
    [orgB, "b"],
  ] as const) {
    await systemDb().organization.create({ data: { id, name: `RLS ${tag}`, slug: `rls-${tag}-${id.slice(0, 8)}` } });
    await systemDb().auditLog.create({ data: { organizationId: id, action: `rls.${tag}` } });
    await systemDb().onboardingTask.create({ data: { organizationId: id, key: "k", title: `RLS ${tag}` } });
  }
  client = new pg.Client({ connectionString: appDatabaseUrl() });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await systemDb().organization.deleteMany({ where: { id: { in: [orgA, orgB] } } });
  await disconnectAll();
});

/** Runs `fn` in a transaction as the app role (SET LOCAL ROLE: on PGlite every connection is the owner). */
async function asApp<T>(org: string | null, fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL ROLE ${dbEnv().DATABASE_APP_ROLE}`);
    if (org) await client.query("SELECT set_config('app.current_organization_id', $1, true)", [org]);
    return await fn();
  } finally {
    await client.query("ROLLBACK");
  }
}

describe("row-level security as the app role", () => {
  it("the app role is neither superuser nor BYPASSRLS", async () => {
    const { rows } = await client.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", [dbEnv().DATABASE_APP_ROLE]);
    expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });

  it("every tenant table has RLS enabled and forced", async () => {
    const tables = [...Object.values(TENANT_TABLES), "organizations"];
    const { rows } = await client.query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) ORDER BY relname",
      [tables],
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...tables].sort());
    for (const row of rows) expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it("with no organization set, sees no tenant rows", async () => {
    await asApp(null, async () => {
      for (const table of [...Object.values(TENANT_TABLES), "organizations"]) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${table}"`);
        expect(rows[0].n, table).toBe(0);
      }
    });
  });

  it("with no organization set, cannot write tenant rows", async () => {
    await expect(asApp(null, () => client.query("INSERT INTO audit_logs (id, organization_id, action) VALUES ($1, $2, 'x')", [randomUUID(), orgA]))).rejects.toThrow(/row-level security/);
  });

  it("with A set, sees only A's rows", async () => {
    await asApp(orgA, async () => {
      const audit = await client.query("SELECT organization_id FROM audit_logs");
      expect(audit.rows.length).toBeGreaterThan(0);
      expect(new Set(audit.rows.map((r) => r.organization_id))).toEqual(new Set([orgA]));
      const orgs = await client.query("SELECT id FROM organizations");
      expect(orgs.rows.map((r) => r.id)).toEqual([orgA]);
      const tasks = await client.query("SELECT title FROM onboarding_tasks");
      expect(tasks.rows).toEqual([{ title: "RLS a" }]);
    });
  });

  it("with A set, cannot write B's rows, nor move A's rows to B", async () => {
    await expect(asApp(orgA, () => client.query("INSERT INTO audit_logs (id, organization_id, action) VALUES ($1, $2, 'x')", [randomUUID(), orgB]))).rejects.toThrow(/row-level security/);
    await asApp(orgA, async () => {
      const updated = await client.query("UPDATE onboarding_tasks SET title = 'hijacked' WHERE organization_id = $1", [orgB]);
      expect(updated.rowCount).toBe(0);
      const deleted = await client.query("DELETE FROM audit_logs WHERE organization_id = $1", [orgB]);
      expect(deleted.rowCount).toBe(0);
    });
    await expect(asApp(orgA, () => client.query("UPDATE onboarding_tasks SET organization_id = $1 WHERE organization_id = $2", [orgB, orgA]))).rejects.toThrow(/row-level security/);
  });

  it("an empty setting (a connection that once had one) matches nothing", async () => {
    await asApp(null, async () => {
      await client.query("SELECT set_config('app.current_organization_id', '', true)");
      const { rows } = await client.query("SELECT count(*)::int AS n FROM memberships");
      expect(rows[0].n).toBe(0);
    });
  });

  it("system tables are not reachable by the app role", async () => {
    await expect(asApp(orgA, () => client.query("SELECT * FROM event_outbox"))).rejects.toThrow(/permission denied/);
  });
});
