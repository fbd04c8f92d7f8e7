import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInnerContext } from "../../src/trpc/context";
import { createCallerFactory, createTRPCRouter, orgReadProcedure } from "../../src/trpc/init";
import type { SessionUser } from "../../src/trpc/context";
import { createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

// orgReadProcedure: the same admission as orgProcedure (NOT_FOUND for outsiders, FORBIDDEN for a
// role without the permission, the agency's role inherited in its client), entered inside the
// read transaction's first message — and queries only, since the transaction is READ ONLY and
// the builder has no audit recorder.
const router = createTRPCRouter({
  scope: orgReadProcedure("posts.read").query(({ ctx }) => ({ organizationId: ctx.db.$organizationId, org: ctx.org.id, role: ctx.role, via: ctx.via })),
  settings: orgReadProcedure("settings.update").query(({ ctx }) => ctx.org.id),
  write: orgReadProcedure("posts.read").mutation(() => "wrote"),
});
const callerOf = (user: SessionUser | null, orgSlug: string | null) => createCallerFactory(router)(createInnerContext({ user, orgSlug, ip: "127.0.0.1", userAgent: "vitest" }));

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant("read-procedure");
  other = await createTenant("read-procedure-other");
});

afterAll(async () => {
  for (const t of [tenant, other]) await deleteTenant(t);
});

describe("orgReadProcedure", () => {
  it("admits a member with their organization in scope, and an agency member in its client with the inherited role", async () => {
    expect(await callerOf(tenant.users.VIEWER, tenant.slug).scope()).toEqual({ organizationId: tenant.id, org: tenant.id, role: "VIEWER", via: "direct" });
    expect(await callerOf(tenant.users.ADMIN, tenant.clientSlug).scope()).toEqual({ organizationId: tenant.clientId, org: tenant.clientId, role: "ADMIN", via: "agency" });
  });

  it("answers an outsider and an unknown slug alike (NOT_FOUND), a role without the permission FORBIDDEN, and nobody UNAUTHORIZED", async () => {
    expect(await outcome(callerOf(tenant.users.OWNER, other.slug).scope())).toBe("NOT_FOUND");
    expect(await outcome(callerOf(tenant.users.OWNER, other.clientSlug).scope())).toBe("NOT_FOUND");
    expect(await outcome(callerOf(tenant.users.OWNER, "no-such-organization").scope())).toBe("NOT_FOUND");
    expect(await outcome(callerOf(tenant.users.OWNER, "not a slug'; --").scope())).toBe("NOT_FOUND");
    expect(await outcome(callerOf(tenant.users.VIEWER, tenant.slug).settings())).toBe("FORBIDDEN");
    expect(await callerOf(tenant.users.OWNER, tenant.slug).settings()).toBe(tenant.id);
    expect(await outcome(callerOf(null, tenant.slug).scope())).toBe("UNAUTHORIZED");
  });

  it("a change of role or membership since the last call decides the next one (the speculative entry never answers with the old access)", async () => {
    const owner = tenant.users.OWNER;
    // Warm: the last entry found OWNER, who may change settings.
    expect(await callerOf(owner, tenant.slug).settings()).toBe(tenant.id);
    await systemDb().membership.updateMany({ where: { organizationId: tenant.id, userId: owner.id }, data: { role: "VIEWER" } });
    try {
      expect(await outcome(callerOf(owner, tenant.slug).settings())).toBe("FORBIDDEN");
      expect(await callerOf(owner, tenant.slug).scope()).toMatchObject({ role: "VIEWER" });
      await systemDb().membership.deleteMany({ where: { organizationId: tenant.id, userId: owner.id } });
      expect(await outcome(callerOf(owner, tenant.slug).scope())).toBe("NOT_FOUND");
    } finally {
      await systemDb().membership.upsert({
        where: { organizationId_userId: { organizationId: tenant.id, userId: owner.id } },
        create: { organizationId: tenant.id, userId: owner.id, role: "OWNER" },
        update: { role: "OWNER" },
      });
    }
    expect(await callerOf(owner, tenant.slug).scope()).toMatchObject({ role: "OWNER" });
  });

  it("serves queries only: a mutation built on it is refused before anything runs", async () => {
    expect(await outcome(callerOf(tenant.users.OWNER, tenant.slug).write())).toBe("INTERNAL_SERVER_ERROR");
  });
});
