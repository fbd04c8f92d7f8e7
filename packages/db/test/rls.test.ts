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
const userA = randomUUID();
const userB = randomUUID();
const loner = randomUUID();

beforeAll(async () => {
  for (const [id, tag] of [
    [orgA, "a"],
    [orgB, "b"],
  ] as const) {
    await systemDb().organization.create({ data: { id, name: `RLS ${tag}`, slug: `rls-${tag}-${id.slice(0, 8)}` } });
    await systemDb().auditLog.create({ data: { organizationId: id, action: `rls.${tag}` } });
    await systemDb().onboardingTask.create({ data: { organizationId: id, key: "k", title: `RLS ${tag}` } });
  }
  for (const [id, org] of [
    [userA, orgA],
    [userB, orgB],
    [loner, null],
  ] as const) {
    await systemDb().user.create({ data: { id, email: `rls-${id}@test.local`, passwordHash: "secret-hash" } });
    if (org) await systemDb().membership.create({ data: { organizationId: org, userId: id, role: "OWNER" } });
    await systemDb().session.create({ data: { sessionToken: randomUUID(), userId: id, expires: new Date(Date.now() + 86_400_000) } });
  }
  client = new pg.Client({ connectionString: appDatabaseUrl() });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await systemDb().organization.deleteMany({ where: { OR: [{ id: { in: [orgA, orgB] } }, { parentId: { in: [orgA, orgB] } }] } });
  await systemDb().user.deleteMany({ where: { id: { in: [userA, userB, loner] } } });
  await disconnectAll();
});

/** Runs `fn` in a transaction as the app role (SET LOCAL ROLE: on PGlite every connection is the owner). */
async function asApp<T>(org: string | null, fn: () => Promise<T>, user: string | null = null): Promise<T> {
  await client.query("BEGIN");
  try {
    await client.query(`SET LOCAL ROLE ${dbEnv().DATABASE_APP_ROLE}`);
    if (org) await client.query("SELECT set_config('app.current_organization_id', $1, true)", [org]);
    if (user) await client.query("SELECT set_config('app.current_user_id', $1, true)", [user]);
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

describe("what the app role cannot do even inside its own organization", () => {
  it("cannot change its organization's plan, status, parent, trial or flags — only its settings", async () => {
    for (const [column, value] of [
      ["plan", "'ENTERPRISE'"],
      ["status", "'ACTIVE'"],
      ["parent_id", `'${orgB}'`],
      ["trial_ends_at", "now() + interval '10 years'"],
      ["feature_flags", `'{"aiAssistant": true}'`],
      ["limit_overrides", `'{"users": 1000}'`],
      ["kind", "'AGENCY'"],
    ] as const) {
      await expect(asApp(orgA, () => client.query(`UPDATE organizations SET ${column} = ${value} WHERE id = $1`, [orgA])), column).rejects.toThrow(/permission denied/);
    }
    await asApp(orgA, async () => {
      const renamed = await client.query("UPDATE organizations SET name = 'Renamed', timezone = 'Europe/Paris' WHERE id = $1", [orgA]);
      expect(renamed.rowCount).toBe(1);
    });
  });

  it("a new organization gets the database's initial terms, whatever the insert says", async () => {
    const business = randomUUID();
    const agency = randomUUID();
    const client1 = randomUUID();
    const rows = await asApp(business, async () => {
      const { rows } = await client.query(
        `INSERT INTO organizations (id, name, slug, kind, plan, status, feature_flags, limit_overrides, updated_at)
         VALUES ($1, 'Sneaky', $2, 'BUSINESS', 'ENTERPRISE', 'ACTIVE', '{"whiteLabel": true}', '{"users": 999}', now())
         RETURNING plan, status, feature_flags, limit_overrides, trial_ends_at`,
        [business, `sneaky-${business.slice(0, 8)}`],
      );
      return rows;
    });
    expect(rows[0]).toMatchObject({ plan: "FREE", status: "TRIAL", feature_flags: {}, limit_overrides: {} });
    expect(rows[0].trial_ends_at).toBeInstanceOf(Date);

    await systemDb().organization.create({ data: { id: agency, name: "Terms agency", slug: `terms-${agency.slice(0, 8)}`, kind: "AGENCY", plan: "STARTER", status: "ACTIVE" } });
    try {
      const created = await asApp(agency, async () => {
        const { rows } = await client.query(
          `INSERT INTO organizations (id, parent_id, name, slug, kind, plan, status, updated_at)
           VALUES ($1, $2, 'Client', $3, 'AGENCY', 'ENTERPRISE', 'TRIAL', now()) RETURNING kind, plan, status`,
          [client1, agency, `terms-client-${client1.slice(0, 8)}`],
        );
        return rows;
      });
      expect(created[0]).toEqual({ kind: "BUSINESS", plan: "STARTER", status: "ACTIVE" });
    } finally {
      await systemDb().organization.deleteMany({ where: { parentId: agency } });
      await systemDb().organization.deleteMany({ where: { id: agency } });
    }
  });

  it("without an organization set, reads no user but itself", async () => {
    await asApp(null, async () => {
      const { rows } = await client.query("SELECT id FROM users");
      expect(rows).toEqual([]);
    });
    await asApp(
      null,
      async () => {
        const { rows } = await client.query("SELECT id FROM users");
        expect(rows.map((r) => r.id)).toEqual([loner]);
      },
      loner,
    );
  });

  it("with A set, reads A's people only, and never a password hash", async () => {
    await asApp(orgA, async () => {
      const { rows } = await client.query("SELECT id FROM users");
      expect(rows.map((r) => r.id)).toEqual([userA]);
    });
    await expect(asApp(orgA, () => client.query("SELECT password_hash FROM users"))).rejects.toThrow(/permission denied/);
  });

  it("cannot write users", async () => {
    await expect(asApp(orgA, () => client.query("UPDATE users SET name = 'x' WHERE id = $1", [userA]))).rejects.toThrow(/permission denied/);
    await expect(asApp(orgA, () => client.query("INSERT INTO users (id, email, updated_at) VALUES ($1, 'x@test.local', now())", [randomUUID()]))).rejects.toThrow(/permission denied/);
  });

  it("cannot reach sessions, accounts, verification tokens or email verifications at all", async () => {
    for (const table of ["sessions", "accounts", "verification_tokens", "email_verifications"]) {
      for (const org of [null, orgA]) {
        await expect(asApp(org, () => client.query(`SELECT * FROM "${table}"`)), `${table} with ${org ?? "no"} organization`).rejects.toThrow(/permission denied/);
      }
    }
  });
});
