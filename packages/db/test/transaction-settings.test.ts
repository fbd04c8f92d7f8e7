import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../src/client";
import { Prisma } from "../src/generated/prisma/client";
import { appDatabaseUrl, dbEnv } from "../src/env";
import { createTenantDatabase, type TenantDatabase } from "../src/tenancy/tenant-client";
import { TenantScopeError } from "../src/tenancy/scope";
import { RLS_ORG_SETTING, RLS_USER_SETTING } from "../src/tenancy/tenant-models";
import { beginWithSettings, startingWith } from "../src/tenancy/transaction-settings";
import { disconnectAll, systemDb } from "../src/system";

// The RLS settings are applied by the driver adapter as the transaction starts
// (src/tenancy/transaction-settings.ts). These prove, as the app role on real PostgreSQL, that
// each tenant transaction gets exactly its own settings, that nothing outlives the transaction on
// the pooled connection, and that a client without the adapter cannot run tenant work at all.
const orgA = randomUUID();
const orgB = randomUUID();
const userA = randomUUID();

interface Seen {
  pid: number;
  role: string;
  org: string | null;
  user: string | null;
  /** The transaction's id (assigning one): two statements with the same id ran in one transaction. */
  xid: string;
}

const settingsSql = Prisma.sql`
  pg_backend_pid() AS pid, current_user::text AS role,
  nullif(current_setting(${RLS_ORG_SETTING}, true), '') AS org, nullif(current_setting(${RLS_USER_SETTING}, true), '') AS "user"`;
/** What the connection says about itself: who it is, which settings it carries, which transaction it is in. */
const probeSql = Prisma.sql`SELECT ${settingsSql}, pg_current_xact_id()::text AS xid`;
/** The same without a transaction id, which a READ ONLY transaction may not assign. */
const readProbeSql = Prisma.sql`SELECT ${settingsSql}`;

const probe = async (client: Pick<PrismaClient, "$queryRaw">): Promise<Seen> => {
  const [row] = await client.$queryRaw<Seen[]>(probeSql);
  if (!row) throw new Error("no row");
  return row;
};

/** Whether the client's (single) connection was left inside a transaction: two statements would then share one. */
const leftOpen = async (client: PrismaClient) => (await probe(client)).xid === (await probe(client)).xid;

let single: PrismaClient;
let tenants: TenantDatabase;
let pooled: PrismaClient;
let pooledTenants: TenantDatabase;

beforeAll(async () => {
  for (const id of [orgA, orgB]) await systemDb().organization.create({ data: { id, name: `TS ${id.slice(0, 4)}`, slug: `ts-${id}` } });
  // userA is an admin of A only (the read path's entry by slug).
  await systemDb().user.create({ data: { id: userA, email: `ts-${userA}@test.local`, name: "TS" } });
  await systemDb().membership.create({ data: { organizationId: orgA, userId: userA, role: "ADMIN" } });
  // One connection: whatever a transaction leaves behind, the next statement would see.
  single = createPrismaClient(appDatabaseUrl(), 1, { tenantSettings: true });
  tenants = createTenantDatabase(single, dbEnv().DATABASE_APP_ROLE);
  pooled = createPrismaClient(appDatabaseUrl(), 3, { tenantSettings: true });
  pooledTenants = createTenantDatabase(pooled, dbEnv().DATABASE_APP_ROLE);
});

afterAll(async () => {
  await Promise.all([single.$disconnect(), pooled.$disconnect()]);
  await systemDb().organization.deleteMany({ where: { id: { in: [orgA, orgB] } } });
  await systemDb().user.deleteMany({ where: { id: userA } });
  await disconnectAll();
});

describe("tenant settings applied as the transaction starts", () => {
  it("a tenant transaction runs as the app role with its organization and user, and RLS shows only that organization", async () => {
    const seen = await tenants.withOrg(
      orgA,
      async (tx) => ({ first: await probe(tx), orgs: await tx.organization.findMany({ select: { id: true } }), second: await probe(tx) }),
      { userId: userA },
    );
    expect(seen.first).toMatchObject({ role: dbEnv().DATABASE_APP_ROLE, org: orgA, user: userA });
    expect(seen.second.xid).toBe(seen.first.xid);
    expect(seen.orgs).toEqual([{ id: orgA }]);
  });

  it("nothing outlives the transaction on the connection: the next statement there has no organization", async () => {
    const inside = await tenants.withOrg(orgA, (tx) => probe(tx), { userId: userA });
    const after = await probe(single);
    expect(after.pid).toBe(inside.pid);
    expect(after).toMatchObject({ org: null, user: null });
    expect(await leftOpen(single)).toBe(false);
    // After a rollback too.
    await expect(tenants.withOrg(orgB, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await probe(single)).toMatchObject({ pid: inside.pid, org: null });
    expect(await leftOpen(single)).toBe(false);
  });

  it("a transaction started inside the callback begins plain; a nested withOrg gets its own organization", async () => {
    // Started inside the callback and awaited after it: on PostgreSQL they run at once on other
    // connections; on the embedded database (one backend session, connections take turns) they
    // wait for this transaction to end. Either way they began in the callback's async context.
    let plain: Promise<Seen> | undefined;
    let nested: Promise<Seen> | undefined;
    const seen = await pooledTenants.withOrg(orgA, async (tx) => {
      const own = await probe(tx);
      plain = pooled.$transaction((other) => probe(other));
      nested = pooledTenants.withOrg(orgB, (inner) => probe(inner));
      return { own, ownAfter: await probe(tx) };
    });
    const [plainSeen, nestedSeen] = await Promise.all([plain, nested]);
    expect(plainSeen).toMatchObject({ org: null });
    expect(plainSeen?.xid).not.toBe(seen.own.xid);
    expect(nestedSeen).toMatchObject({ org: orgB });
    expect(nestedSeen?.xid).not.toBe(seen.own.xid);
    expect(seen.own).toMatchObject({ org: orgA });
    expect(seen.ownAfter).toMatchObject({ org: orgA, pid: seen.own.pid, xid: seen.own.xid });
  });

  it("concurrent transactions on a small pool each carry their own organization", async () => {
    const orgs = Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? orgA : orgB));
    const seen = await Promise.all(orgs.map((org) => pooledTenants.withOrg(org, async (tx) => (await probe(tx)).org)));
    expect(seen).toEqual(orgs);
  });

  it("the settings travel with BEGIN (one round trip) when every value is a literal-safe uuid or role name", async () => {
    const role = dbEnv().DATABASE_APP_ROLE;
    const seen = await startingWith({ role, organizationId: orgA, userId: userA }, (ticket) => single.$transaction(async (tx) => ({ withBegin: ticket.sentWithBegin, probe: await probe(tx) })));
    expect(seen).toMatchObject({ withBegin: true, probe: { role, org: orgA, user: userA } });
    // A transaction started on that connection afterwards is plain: the BEGIN was armed for one statement.
    expect(await single.$transaction((tx) => probe(tx))).toMatchObject({ pid: seen.probe.pid, org: null, user: null });
  });

  it("any other value goes as a bound statement after BEGIN, as does everything under an isolation level", async () => {
    const role = dbEnv().DATABASE_APP_ROLE;
    const actor = "job:nightly-sweep 'quoted'";
    const bound = await startingWith({ role, organizationId: orgA, userId: actor }, (ticket) => single.$transaction(async (tx) => ({ withBegin: ticket.sentWithBegin ?? false, probe: await probe(tx) })));
    expect(bound).toMatchObject({ withBegin: false, probe: { org: orgA, user: actor } });
    const serializable = await startingWith({ role, organizationId: orgB, userId: userA }, (ticket) =>
      single.$transaction(
        async (tx) => ({
          withBegin: ticket.sentWithBegin ?? false,
          probe: await probe(tx),
          isolation: (await tx.$queryRaw<{ level: string }[]>`SELECT current_setting('transaction_isolation') AS level`)[0]?.level,
        }),
        { isolationLevel: "Serializable" },
      ),
    );
    expect(serializable).toMatchObject({ withBegin: false, probe: { org: orgB, user: userA }, isolation: "serializable" });
  });

  it("only uuids and plain role names are ever written as literals", () => {
    const role = "mg_app";
    expect(beginWithSettings({ role, organizationId: orgA, userId: "" })).toContain(`'${orgA}'`);
    expect(beginWithSettings({ role, organizationId: `${orgA}'; DROP TABLE posts; --`, userId: "" })).toBeUndefined();
    expect(beginWithSettings({ role, organizationId: orgA, userId: "o'brien" })).toBeUndefined();
    expect(beginWithSettings({ role, organizationId: orgA, userId: `${userA}\\` })).toBeUndefined();
    expect(beginWithSettings({ role: "mg_app', true); SELECT ('", organizationId: orgA, userId: userA })).toBeUndefined();
    expect(beginWithSettings({ role: "Mg-App", organizationId: orgA, userId: userA })).toBeUndefined();
  });

  it("a failing settings statement rolls back and leaves the connection usable", async () => {
    const wrongRole = createTenantDatabase(single, "no_such_role_for_tenants");
    await expect(wrongRole.withOrg(orgA, (tx) => probe(tx))).rejects.toThrow();
    expect(await probe(single)).toMatchObject({ org: null });
    expect(await leftOpen(single)).toBe(false);
    expect(await tenants.withOrg(orgA, (tx) => probe(tx))).toMatchObject({ org: orgA });
  });

  it("the read path: READ ONLY, the same settings, only its organization's rows, nothing left behind", async () => {
    const seen = await tenants.readWithOrg(
      orgA,
      async (db) => ({
        probe: (await db.$queryRows<Seen>(readProbeSql))[0],
        orgs: await db.$queryRows<{ id: string }>(Prisma.sql`SELECT id FROM organizations`),
        readOnly: (await db.$queryRows<{ ro: string }>(Prisma.sql`SELECT current_setting('transaction_read_only') AS ro`))[0]?.ro,
      }),
      { userId: userA },
    );
    expect(seen).toMatchObject({ probe: { role: dbEnv().DATABASE_APP_ROLE, org: orgA, user: userA }, orgs: [{ id: orgA }], readOnly: "on" });
    expect(await probe(single)).toMatchObject({ pid: seen.probe?.pid, org: null, user: null });
    expect(await leftOpen(single)).toBe(false);
    // Also when the user id cannot be a literal (the settings then follow BEGIN as a bound statement).
    const bound = await tenants.readWithOrg(orgB, async (db) => (await db.$queryRows<{ ro: string; org: string }>(Prisma.sql`SELECT current_setting('transaction_read_only') AS ro, current_setting(${RLS_ORG_SETTING}) AS org`))[0], { userId: "job:sweep" });
    expect(bound).toEqual({ ro: "on", org: orgB });
  });

  it("the read path refuses writes, rolls back on failure and on timeout, and never runs a statement after its end", async () => {
    await expect(tenants.readWithOrg(orgA, (db) => db.$queryRows(Prisma.sql`INSERT INTO onboarding_tasks (id, organization_id, key, title) VALUES (gen_random_uuid(), ${orgA}::uuid, 'ro', 'ro') RETURNING id`))).rejects.toThrow(/read-only/);
    await expect(tenants.readWithOrg(orgA, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await leftOpen(single)).toBe(false);
    let late: Promise<unknown> | undefined;
    await expect(
      tenants.readWithOrg(
        orgA,
        async (db) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          late = db.$queryRows(readProbeSql);
          await late.catch(() => undefined);
          return "done";
        },
        { timeout: 50 },
      ),
    ).rejects.toThrow(/timed out/);
    await expect(late).rejects.toThrow(TenantScopeError);
    expect(await probe(single)).toMatchObject({ org: null });
    expect(await leftOpen(single)).toBe(false);
  });

  it("the read path entered by slug: one message admits the member, sets their organization and user, READ ONLY", async () => {
    const judged: unknown[] = [];
    const seen = await tenants.readEnteringOrg(
      { slug: `ts-${orgA}`, userId: userA },
      (access) => {
        judged.push(access);
        return "admitted";
      },
      async (db, admitted) => ({
        admitted,
        scope: db.$organizationId,
        probe: (await db.$queryRows<Seen>(readProbeSql))[0],
        orgs: await db.$queryRows<{ id: string }>(Prisma.sql`SELECT id FROM organizations`),
        readOnly: (await db.$queryRows<{ ro: string }>(Prisma.sql`SELECT current_setting('transaction_read_only') AS ro`))[0]?.ro,
      }),
    );
    expect(judged).toHaveLength(1);
    expect(judged[0]).toMatchObject({ id: orgA, slug: `ts-${orgA}`, role: "ADMIN", via: "direct", parentName: null, parentSlug: null });
    expect(seen).toMatchObject({ admitted: "admitted", scope: orgA, probe: { role: dbEnv().DATABASE_APP_ROLE, org: orgA, user: userA }, orgs: [{ id: orgA }], readOnly: "on" });
    expect(await probe(single)).toMatchObject({ pid: seen.probe?.pid, org: null, user: null });
    expect(await leftOpen(single)).toBe(false);
  });

  it("the read path entered by slug: no access reaches the judge as nothing; a refusal ends the transaction before anything is read", async () => {
    const refused = new Error("not for you");
    let ran = false;
    const judge = (access: unknown) => {
      if (!access) throw refused;
      return access;
    };
    const read = async () => {
      ran = true;
    };
    // B exists but userA is not a member; a slug of nobody; a slug that cannot be a literal (sent bound).
    for (const slug of [`ts-${orgB}`, `ts-nowhere-${randomUUID()}`, `ts-${orgA}'; SELECT 1; --`]) {
      await expect(tenants.readEnteringOrg({ slug, userId: userA }, judge, read)).rejects.toBe(refused);
    }
    // A member the judge refuses (a permission their role lacks).
    await expect(
      tenants.readEnteringOrg(
        { slug: `ts-${orgA}`, userId: userA },
        () => {
          throw refused;
        },
        read,
      ),
    ).rejects.toBe(refused);
    // A user id that is nobody's is judged without a transaction.
    await expect(tenants.readEnteringOrg({ slug: `ts-${orgA}`, userId: "job:sweep" }, judge, read)).rejects.toBe(refused);
    expect(ran).toBe(false);
    expect(await probe(single)).toMatchObject({ org: null, user: null });
    expect(await leftOpen(single)).toBe(false);
  });

  it("the app role may enter only as the transaction's own user, and may not ask the access rule for anyone", async () => {
    await expect(
      tenants.withOrg(orgB, (tx) => tx.$queryRaw(Prisma.sql`SELECT * FROM mg_organization_access(${userA}::uuid, ${`ts-${orgA}`})`)),
    ).rejects.toThrow(/permission denied/);
  });

  it("a client whose adapter does not apply the settings cannot run tenant work", async () => {
    const plain = createPrismaClient(appDatabaseUrl(), 1);
    try {
      let ran = false;
      await expect(
        createTenantDatabase(plain, dbEnv().DATABASE_APP_ROLE).withOrg(orgA, async () => {
          ran = true;
        }),
      ).rejects.toThrow(TenantScopeError);
      expect(ran).toBe(false);
    } finally {
      await plain.$disconnect();
    }
  });
});
