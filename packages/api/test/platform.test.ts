import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { createCallerFactory, createTRPCRouter, orgProcedure } from "../src/trpc/init";
import { createInnerContext } from "../src/trpc/context";
import { appRouter } from "../src/root";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "./fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("platform");
});
afterAll(async () => {
  await deleteTenant(t);
});

describe("org procedures run in one transaction", () => {
  const failing = createTRPCRouter({
    writeThenFail: orgProcedure("settings.update").mutation(async ({ ctx }) => {
      await ctx.db.onboardingTask.create({ data: { organizationId: ctx.org.id, key: "must-roll-back", title: "x" } });
      throw new Error("handler failed after writing");
    }),
  });
  const createCaller = createCallerFactory(failing);

  it("a failing procedure commits nothing, not even its audit entry", async () => {
    const caller = createCaller(createInnerContext({ user: t.users.OWNER, orgSlug: t.slug }));
    expect(await outcome(caller.writeThenFail())).toBe("INTERNAL_SERVER_ERROR");
    expect(await systemDb().onboardingTask.count({ where: { organizationId: t.id, key: "must-roll-back" } })).toBe(0);
    expect(await systemDb().auditLog.count({ where: { organizationId: t.id, action: "writeThenFail" } })).toBe(0);
  });
});

describe("audit", () => {
  it("every successful mutation writes one audit row with actor, target and IP", async () => {
    await callerFor(t.users.OWNER, t.slug).organization.updateSettings({ name: "Audited name", timezone: "Asia/Kolkata", industry: "Retail", country: "IN" });
    const rows = await systemDb().auditLog.findMany({ where: { organizationId: t.id, action: "organization.updateSettings" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorId: t.users.OWNER.id, targetType: "organization", targetId: t.id, ip: "127.0.0.1" });
    const listed = await callerFor(t.users.ADMIN, t.slug).audit.list({ action: "organization.", limit: 5 });
    expect(listed.items.some((i) => i.action === "organization.updateSettings")).toBe(true);
  });

  it("paginates with a cursor", async () => {
    const first = await callerFor(t.users.OWNER, t.slug).audit.list({ limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await callerFor(t.users.OWNER, t.slug).audit.list({ limit: 1, cursor: first.nextCursor ?? undefined });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });
});

describe("quotas and feature gates", () => {
  it("a business cannot add clients: typed upgrade error naming the plan that has the feature", async () => {
    const business = await systemDb().organization.create({ data: { name: "Biz", slug: `biz-${randomUUID().slice(0, 8)}`, plan: "STARTER" } });
    await systemDb().membership.create({ data: { organizationId: business.id, userId: t.users.OWNER.id, role: "OWNER" } });
    try {
      await callerFor(t.users.OWNER, business.slug).organization.createClient({ name: "Nope", timezone: "UTC" });
      expect.unreachable();
    } catch (error) {
      expect((error as { code?: string }).code).toBe("FORBIDDEN");
      const shape = appRouter._def._config.errorFormatter({
        error: error as never,
        type: "mutation",
        path: "organization.createClient",
        input: undefined,
        ctx: undefined,
        shape: { message: "", code: -32003, data: { code: "FORBIDDEN", httpStatus: 403 } },
      }) as { data: { upgrade: unknown } };
      expect(shape.data.upgrade).toMatchObject({ kind: "feature", key: "agencyClients", plan: "STARTER", suggestedPlan: "PROFESSIONAL" });
    } finally {
      await systemDb().organization.delete({ where: { id: business.id } });
    }
  });

  it("seats: invitations stop at the plan's user limit", async () => {
    await systemDb().organization.update({ where: { id: t.id }, data: { limitOverrides: { users: 8 } } });
    // 6 members + 1 pending invitation from the fixture = 7 of 8.
    const caller = callerFor(t.users.OWNER, t.slug);
    expect(await outcome(caller.members.invite({ email: `seat-${randomUUID()}@test.local`, role: "VIEWER" }))).toBe("OK");
    expect(await outcome(caller.members.invite({ email: `seat-${randomUUID()}@test.local`, role: "VIEWER" }))).toBe("FORBIDDEN");
    await systemDb().organization.update({ where: { id: t.id }, data: { limitOverrides: {} } });
  });
});

describe("errors", () => {
  it("a taken slug is CONFLICT", async () => {
    expect(await outcome(callerFor(t.users.OWNER, null).organization.create({ name: "Dup", kind: "BUSINESS", timezone: "UTC", slug: t.slug }))).toBe("CONFLICT");
  });

  it("a generated slug that is taken gets a suffix, in both creation paths", async () => {
    const name = `Same Name ${randomUUID().slice(0, 6)}`;
    const first = await callerFor(t.users.OWNER, null).organization.create({ name, kind: "BUSINESS", timezone: "UTC" });
    const second = await callerFor(t.users.OWNER, null).organization.create({ name, kind: "BUSINESS", timezone: "UTC" });
    const client = await callerFor(t.users.OWNER, t.slug).organization.createClient({ name, timezone: "UTC" });
    expect(second.slug).not.toBe(first.slug);
    expect(client.slug).not.toBe(first.slug);
    expect([second.slug, client.slug].every((slug) => slug.startsWith(first.slug))).toBe(true);
    expect(await outcome(callerFor(t.users.OWNER, t.slug).organization.createClient({ name, slug: first.slug, timezone: "UTC" }))).toBe("CONFLICT");
    await systemDb().organization.deleteMany({ where: { id: { in: [first.id, second.id, client.id] } } });
  });

  it("an invalid time zone is BAD_REQUEST with a field error", async () => {
    try {
      await callerFor(t.users.OWNER, t.slug).organization.updateSettings({ name: "Name", timezone: "Mars/Olympus", industry: null, country: null });
      expect.unreachable();
    } catch (error) {
      expect((error as { code?: string }).code).toBe("BAD_REQUEST");
      expect(String((error as Error).message)).toContain("IANA");
    }
  });

  it("no organization in the URL is BAD_REQUEST; signed out is UNAUTHORIZED", async () => {
    expect(await outcome(callerFor(t.users.OWNER, null).organization.current())).toBe("BAD_REQUEST");
    expect(await outcome(callerFor(null, t.slug).organization.current())).toBe("UNAUTHORIZED");
  });
});

describe("lifecycle", () => {
  it("a suspended organization is readable but refuses mutations", async () => {
    await systemDb().organization.update({ where: { id: t.id }, data: { status: "SUSPENDED" } });
    try {
      const caller = callerFor(t.users.OWNER, t.slug);
      expect(await outcome(caller.organization.current())).toBe("OK");
      expect(await outcome(caller.organization.updateSettings({ name: "Frozen", timezone: "UTC", industry: null, country: null }))).toBe("FORBIDDEN");
    } finally {
      await systemDb().organization.update({ where: { id: t.id }, data: { status: "ACTIVE" } });
    }
  });
});

describe("organizations", () => {
  it("creating an agency makes the creator its owner and lists it with its clients", async () => {
    const caller = callerFor(t.users.VIEWER, null);
    const agency = await caller.organization.create({ name: "Fresh Agency", kind: "AGENCY", timezone: "America/New_York" });
    const client = await callerFor(t.users.VIEWER, agency.slug).organization.createClient({ name: "Fresh Client", timezone: "Europe/London" });
    const mine = await caller.organization.listMine();
    const listed = mine.find((o) => o.id === agency.id);
    expect(listed).toMatchObject({ role: "OWNER", kind: "AGENCY" });
    expect(listed?.clients.map((c) => ({ slug: c.slug, role: c.role, via: c.via }))).toEqual([{ slug: client.slug, role: "OWNER", via: "agency" }]);
    const overview = await callerFor(t.users.VIEWER, agency.slug).organization.listClients();
    expect(overview.clients.map((c) => c.id)).toEqual([client.id]);
    await systemDb().organization.delete({ where: { id: client.id } });
    await systemDb().organization.delete({ where: { id: agency.id } });
  });
});
