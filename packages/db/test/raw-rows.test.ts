import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, withOrg, forOrg, readWithOrg, TenantScopeError, type TenantDb } from "../src/index";
import { disconnectAll, systemDb, systemRows } from "../src/system";

// `$queryRows` answers a raw statement through the driver alone, inside the withOrg transaction.
// These hold it to `$queryRaw`'s answer for every column type, to RLS, and to its transaction.
const orgA = randomUUID();
const orgB = randomUUID();

/** The embedded database (PGlite) is one backend session: a second transaction waits for the first to end. */
let oneSession = false;

beforeAll(async () => {
  const [server] = await systemRows<{ version: string }>(Prisma.sql`SELECT version() AS version`);
  oneSession = /PGlite/.test(server?.version ?? "");
  for (const id of [orgA, orgB]) {
    await systemDb().organization.create({ data: { id, name: `RR ${id.slice(0, 4)}`, slug: `rr-${id}` } });
    await systemDb().onboardingTask.createMany({ data: [1, 2].map((n) => ({ organizationId: id, key: `k${n}`, title: `${id}-${n}` })) });
  }
});
afterAll(async () => {
  await systemDb().organization.deleteMany({ where: { id: { in: [orgA, orgB] } } });
  await disconnectAll();
});

const everyType = (at: Date) => Prisma.sql`
  SELECT 1::int4 AS int4, 5::int8 AS int8, 1.5::float4 AS float4, 2.25::float8 AS float8, 12.340::numeric AS numeric, true AS bool,
         'ab'::char(3) AS char, 'text' AS text, 'x'::varchar AS varchar, DATE '2026-03-29' AS date, TIME '10:00:01.5' AS time,
         ${at}::timestamp AS ts, ${at}::timestamptz AS tstz, TIMESTAMP '2026-03-29 01:30:00' AS ts_literal,
         '{"a":[1,{"b":null}]}'::json AS json, '[1,"x"]'::jsonb AS jsonb, 'null'::jsonb AS json_null, NULL::json AS sql_null,
         'PUBLISHED'::"PostStatus" AS enum, ARRAY['PUBLISHED'::"PostStatus"] AS enum_array, '\\x6162'::bytea AS bytes,
         'e86a17a0-445d-4cd6-b521-d7b012405b38'::uuid AS uuid, ARRAY['e86a17a0-445d-4cd6-b521-d7b012405b38'::uuid] AS uuids,
         ARRAY[1, NULL, 3]::int8[] AS int8s, ARRAY[1.5]::numeric[] AS numerics, ARRAY[${at}::timestamp] AS tss,
         ARRAY[DATE '2026-01-01'] AS dates, ARRAY['{"k":1}'::jsonb] AS jsons, ARRAY['a', NULL, 'c'] AS texts, '{}'::text[] AS empty,
         ARRAY[true, false] AS bools, ARRAY[1, 2]::int4[] AS int4s, ${"bound 'text'"}::text AS bound_text, ${[1, 2]}::int[] AS bound_ints,
         ${42}::int AS bound_int, ${new Date("2026-10-25T01:30:00.000Z")}::timestamp AS bound_date`;

describe("$queryRows", () => {
  it("gives exactly what $queryRaw gives, for every column type", async () => {
    const at = new Date("2026-12-02T13:15:48.386Z");
    const [rows, raw] = await withOrg(orgA, async (db) => [await db.$queryRows<Record<string, unknown>>(everyType(at)), await db.$queryRaw<Record<string, unknown>[]>(everyType(at))]);
    expect(rows).toStrictEqual(raw);
    expect(rows[0]?.ts).toEqual(at);
    expect(rows[0]?.bound_date).toEqual(new Date("2026-10-25T01:30:00.000Z"));
  });

  it("the read path (pg alone) and the system path's systemRows give exactly what $queryRaw gives too", async () => {
    const at = new Date("2026-03-29T00:59:59.999Z");
    const raw = await withOrg(orgA, (db) => db.$queryRaw<Record<string, unknown>[]>(everyType(at)));
    expect(await readWithOrg(orgA, (db) => db.$queryRows<Record<string, unknown>>(everyType(at)))).toStrictEqual(raw);
    expect(await systemRows<Record<string, unknown>>(everyType(at))).toStrictEqual(raw);
    // NULLs in every type, as the empty answer's shape.
    const nulls = Prisma.sql`SELECT NULL::int8 AS a, NULL::numeric AS b, NULL::timestamp AS c, NULL::timestamptz AS d, NULL::date AS e, NULL::time AS f, NULL::bytea AS g, NULL::jsonb AS h, NULL::int8[] AS i, NULL::text AS j`;
    const rawNulls = await systemDb().$queryRaw<Record<string, unknown>[]>(nulls);
    expect(await systemRows<Record<string, unknown>>(nulls)).toStrictEqual(rawNulls);
    expect(await readWithOrg(orgA, (db) => db.$queryRows<Record<string, unknown>>(nulls))).toStrictEqual(rawNulls);
  });

  it("reads under the transaction's RLS setting: only its organization's rows", async () => {
    const rows = await withOrg(orgA, (db) => db.$queryRows<{ organization_id: string }>(Prisma.sql`SELECT organization_id FROM onboarding_tasks`));
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.organization_id === orgA)).toBe(true);
    // Naming the other organization explicitly finds nothing either.
    expect(await withOrg(orgA, (db) => db.$queryRows(Prisma.sql`SELECT id FROM onboarding_tasks WHERE organization_id = ${orgB}::uuid`))).toEqual([]);
  });

  it("sees the transaction's own uncommitted writes, and is rolled back with it", async () => {
    const key = `rr-${randomUUID().slice(0, 8)}`;
    await expect(
      withOrg(orgA, async (db) => {
        await db.onboardingTask.create({ data: { organizationId: orgA, key, title: "uncommitted" } });
        expect(await db.$queryRows(Prisma.sql`SELECT key FROM onboarding_tasks WHERE key = ${key}`)).toEqual([{ key }]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await systemDb().onboardingTask.count({ where: { key } })).toBe(0);
  });

  it("refuses to run outside its organization's transaction: per-operation clients, another organization's transaction, after the end", async () => {
    await expect(forOrg(orgA).$queryRows(Prisma.sql`SELECT 1`)).rejects.toThrow(TenantScopeError);
    // Inside B's transaction while A's is open (PostgreSQL); on one session B's only gets its turn
    // once A's has ended, and is refused then too.
    let across: Promise<unknown> | undefined;
    await withOrg(orgA, async (a) => {
      across = withOrg(orgB, () => a.$queryRows(Prisma.sql`SELECT 1`));
      if (!oneSession) await across.catch(() => undefined);
    });
    await expect(across).rejects.toThrow(TenantScopeError);
    let kept: TenantDb | undefined;
    await withOrg(orgA, async (db) => {
      kept = db;
    });
    await expect(kept?.$queryRows(Prisma.sql`SELECT 1`)).rejects.toThrow(TenantScopeError);
  });

  it("never runs on the connection of a transaction that timed out (it is back in the pool by then)", async () => {
    let late: Promise<unknown> | undefined;
    await expect(
      withOrg(
        orgA,
        async (db) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          late = db.$queryRows(Prisma.sql`SELECT current_setting('app.current_organization_id', true) AS org`);
          return late;
        },
        { timeout: 50 },
      ),
    ).rejects.toThrow();
    await expect(late).rejects.toThrow(TenantScopeError);
  });

  it("a failing statement fails the transaction like any other", async () => {
    await expect(withOrg(orgA, (db) => db.$queryRows(Prisma.sql`SELECT 1 / 0`))).rejects.toThrow();
    expect(await withOrg(orgA, (db) => db.$queryRows(Prisma.sql`SELECT 1 AS one`))).toEqual([{ one: 1 }]);
  });
});
