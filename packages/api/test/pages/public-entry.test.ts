import { Prisma, readPublic } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPublicOrganization } from "../../src/services/lead-capture/public-entry";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";
import { freshPage } from "../procedure-cases/pages";

/** The public entry: nothing in scope before it, exactly the entered organization after it, READ ONLY, states. */
let a: Tenant;
let b: Tenant;
beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("entry-a"), createTenant("entry-b")]);
  await Promise.all([freshPage(a, { published: true }), freshPage(b, { published: true })]);
});
afterAll(async () => {
  await Promise.all([deleteTenant(a), deleteTenant(b)]);
});

const countPages = (orgId: string) => Prisma.sql`SELECT count(*)::int AS n FROM landing_pages WHERE organization_id = ${orgId}::uuid`;

describe("withPublicOrganization", () => {
  it("sees no tenant rows before the entry", async () => {
    const rows = await readPublic((query) => query<{ n: number }>(countPages(a.id)));
    expect(rows[0]?.n).toBe(0);
  });

  it("after entering A, A's rows only — a statement naming B's id reads nothing", async () => {
    const entry = await withPublicOrganization({ slug: a.slug }, async (db) => ({
      own: (await db.$queryRows<{ n: number }>(countPages(a.id)))[0]?.n,
      other: (await db.$queryRows<{ n: number }>(countPages(b.id)))[0]?.n,
    }));
    expect(entry).toMatchObject({ state: "live", org: { id: a.id, slug: a.slug }, value: { own: 1, other: 0 } });
    const byId = await withPublicOrganization({ id: b.id }, async (db) => (await db.$queryRows<{ n: number }>(countPages(a.id)))[0]?.n);
    expect(byId).toMatchObject({ state: "live", value: 0 });
  });

  it("is READ ONLY", async () => {
    const attempt = withPublicOrganization({ slug: a.slug }, (db) => db.$queryRows(Prisma.sql`UPDATE landing_pages SET name = 'x' WHERE organization_id = ${a.id}::uuid RETURNING id`));
    await expect(attempt).rejects.toThrow(/read-only/);
  });

  it("not-found for unknown and malformed keys and suspended organizations; gone for deleted ones (fn not run)", async () => {
    const ran: string[] = [];
    const fn = async () => void ran.push("ran");
    expect(await withPublicOrganization({ slug: "no-such-organization-here" }, fn)).toEqual({ state: "not-found" });
    expect(await withPublicOrganization({ slug: "Robert'); DROP TABLE x;--" }, fn)).toEqual({ state: "not-found" });
    expect(await withPublicOrganization({ id: "not-a-uuid" }, fn)).toEqual({ state: "not-found" });
    const t = await createTenant("entry-gone");
    try {
      await systemDb().organization.update({ where: { id: t.id }, data: { status: "SUSPENDED" } });
      expect(await withPublicOrganization({ slug: t.slug }, fn)).toEqual({ state: "not-found" });
      await systemDb().organization.update({ where: { id: t.id }, data: { status: "ACTIVE", deletedAt: new Date() } });
      expect(await withPublicOrganization({ slug: t.slug }, fn)).toMatchObject({ state: "gone", org: { id: t.id } });
    } finally {
      await deleteTenant(t);
    }
    expect(ran).toEqual([]);
  });
});
