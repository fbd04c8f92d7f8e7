import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, forOrg, withOrg, TENANT_MODELS, TenantScopeError } from "../src/index";
import { SYSTEM_MODELS } from "../src/tenancy/tenant-models";
import { systemDb, disconnectAll } from "../src/system";
import { readFileSync } from "node:fs";
import { SCHEMA_PATH } from "../src/migrations/files";
import { scopeArgs } from "../src/tenancy/scope";

const orgA = randomUUID();
const orgB = randomUUID();

beforeAll(async () => {
  for (const id of [orgA, orgB]) {
    await systemDb().organization.create({ data: { id, name: `TC ${id.slice(0, 4)}`, slug: `tc-${id}` } });
    await systemDb().onboardingTask.createMany({ data: [1, 2, 3].map((n) => ({ organizationId: id, key: `k${n}`, title: `${id}-${n}` })) });
  }
});
afterAll(async () => {
  await systemDb().organization.deleteMany({ where: { id: { in: [orgA, orgB] } } });
  await disconnectAll();
});

describe("the tenant client", () => {
  it("lists every model with organizationId as a tenant model (and nothing else) — system models aside", () => {
    const schema = readFileSync(SCHEMA_PATH, "utf8");
    const withOrgId = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].filter(([, , body]) => /^\s+organizationId\s/m.test(body ?? "")).map(([, name]) => name);
    // A system model may name the organization it concerns (the event outbox) without being tenant-owned.
    expect([...TENANT_MODELS].sort()).toEqual(withOrgId.filter((name) => !(SYSTEM_MODELS as readonly string[]).includes(name ?? "")).sort());
  });

  it("scopes reads: find*, count, aggregate, groupBy", async () => {
    await withOrg(orgA, async (tx) => {
      const rows = await tx.onboardingTask.findMany();
      expect(rows).toHaveLength(3);
      expect(rows.every((r) => r.organizationId === orgA)).toBe(true);
      expect(await tx.onboardingTask.count()).toBe(3);
      expect(await tx.onboardingTask.findFirst({ where: { title: `${orgB}-1` } })).toBeNull();
      const agg = await tx.onboardingTask.aggregate({ _count: { _all: true } });
      expect(agg._count._all).toBe(3);
      const groups = await tx.onboardingTask.groupBy({ by: ["organizationId"], _count: { _all: true } });
      expect(groups).toEqual([{ organizationId: orgA, _count: { _all: 3 } }]);
    });
  });

  it("findUnique of another organization's row returns null", async () => {
    const bRow = await systemDb().onboardingTask.findFirstOrThrow({ where: { organizationId: orgB } });
    expect(await forOrg(orgA).onboardingTask.findUnique({ where: { id: bRow.id } })).toBeNull();
    await expect(forOrg(orgA).onboardingTask.findUniqueOrThrow({ where: { id: bRow.id } })).rejects.toThrow();
  });

  it("forces organizationId into creates and refuses another organization's id", async () => {
    const created = await forOrg(orgA).onboardingTask.create({ data: { organizationId: orgA, key: "new", title: "t" } });
    expect(created.organizationId).toBe(orgA);
    await expect(forOrg(orgA).onboardingTask.create({ data: { organizationId: orgB, key: "x", title: "t" } })).rejects.toThrow(TenantScopeError);
    await expect(forOrg(orgA).onboardingTask.createMany({ data: [{ organizationId: orgA, key: "y", title: "t" }, { organizationId: orgB, key: "z", title: "t" }] })).rejects.toThrow(TenantScopeError);
    expect(await systemDb().onboardingTask.count({ where: { organizationId: orgB, key: { in: ["x", "z"] } } })).toBe(0);
  });

  it("update/delete cannot reach another organization's rows", async () => {
    const bRow = await systemDb().onboardingTask.findFirstOrThrow({ where: { organizationId: orgB } });
    await expect(forOrg(orgA).onboardingTask.update({ where: { id: bRow.id }, data: { title: "hijack" } })).rejects.toThrow();
    const many = await forOrg(orgA).onboardingTask.updateMany({ where: { id: bRow.id }, data: { title: "hijack" } });
    expect(many.count).toBe(0);
    const deleted = await forOrg(orgA).onboardingTask.deleteMany({ where: { id: bRow.id } });
    expect(deleted.count).toBe(0);
    await expect(forOrg(orgA).onboardingTask.delete({ where: { id: bRow.id } })).rejects.toThrow();
    await expect(forOrg(orgA).onboardingTask.upsert({ where: { id: bRow.id }, update: { title: "hijack" }, create: { organizationId: orgA, key: "upserted", title: "new" } })).resolves.toMatchObject({ organizationId: orgA, key: "upserted" });
    expect((await systemDb().onboardingTask.findUniqueOrThrow({ where: { id: bRow.id } })).title).not.toBe("hijack");
  });

  it("refuses moving a row to another organization", async () => {
    const aRow = await systemDb().onboardingTask.findFirstOrThrow({ where: { organizationId: orgA } });
    await expect(forOrg(orgA).onboardingTask.update({ where: { id: aRow.id }, data: { organizationId: orgB } })).rejects.toThrow(TenantScopeError);
  });

  it("updateMany/deleteMany with undefined in where throw", async () => {
    await expect(forOrg(orgA).onboardingTask.deleteMany({ where: { id: undefined } })).rejects.toThrow(/undefined/);
    await expect(forOrg(orgA).onboardingTask.updateMany({ where: { key: undefined }, data: { title: "x" } })).rejects.toThrow(/undefined/);
    expect(await systemDb().onboardingTask.count({ where: { organizationId: orgA } })).toBeGreaterThanOrEqual(3);
  });

  it("tenant models through the unscoped client throw", async () => {
    const unscoped = db() as unknown as { onboardingTask: { findMany(): Promise<unknown> }; organization: { count(): Promise<number> } };
    await expect(unscoped.onboardingTask.findMany()).rejects.toThrow(TenantScopeError);
    await expect(unscoped.organization.count()).rejects.toThrow(TenantScopeError);
  });

  it("rolls the whole transaction back when the callback fails", async () => {
    await expect(
      withOrg(orgA, async (tx) => {
        await tx.onboardingTask.create({ data: { organizationId: orgA, key: "rolled-back", title: "t" } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await systemDb().onboardingTask.count({ where: { key: "rolled-back" } })).toBe(0);
  });

  it("sees the organization itself and refuses ids that are not UUIDs", async () => {
    expect(await forOrg(orgA).organization.findMany({ select: { id: true } })).toEqual([{ id: orgA }]);
    expect(() => forOrg("not-a-uuid")).toThrow(TenantScopeError);
  });

  it("scopeArgs rejects operations it does not know", () => {
    expect(() => scopeArgs("OnboardingTask", "findRaw", {}, orgA)).toThrow(TenantScopeError);
    expect(scopeArgs("User", "findMany", { where: { id: "x" } }, orgA)).toEqual({ where: { id: "x" } });
  });
});
