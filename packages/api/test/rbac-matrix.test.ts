import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/root";
import { can, ROLES } from "../src/rbac";
import { listProcedures } from "../src/trpc/introspect";
import { callerFor, createTenant, deleteTenant, outcome, procedureAt, type Tenant } from "./fixtures";
import { PROCEDURE_CASES } from "./procedure-cases";

const orgProcedures = listProcedures(appRouter).flatMap((p) =>
  p.meta?.access === "org" && p.meta.permission ? [{ path: p.path, permission: p.meta.permission }] : [],
);

const tenants: Tenant[] = [];
afterAll(async () => {
  await Promise.all(tenants.map(deleteTenant));
});

describe("RBAC matrix: every role × every organization procedure", () => {
  it("every org procedure declares a permission", () => {
    const all = listProcedures(appRouter).filter((p) => p.meta?.access === "org");
    expect(all.length).toBe(orgProcedures.length);
  });

  for (const { path, permission } of orgProcedures) {
    describe(path, () => {
      let tenant: Tenant;
      beforeAll(async () => {
        tenant = await createTenant("rbac");
        tenants.push(tenant);
      });
      for (const role of ROLES) {
        const allowed = can(role, permission);
        it(`${role} is ${allowed ? "allowed" : "denied"} (${permission})`, async () => {
          const spec = PROCEDURE_CASES[path];
          if (!spec) throw new Error(`no case for ${path}`);
          const caller = callerFor(tenant.users[role], tenant.slug);
          const result = await outcome(procedureAt(caller, path)(await spec.valid(tenant)));
          if (allowed) expect(["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"]).not.toContain(result);
          else expect(result).toBe("FORBIDDEN");
        });
      }
    });
  }

  it("agency members inherit their role in client organizations", async () => {
    const tenant = await createTenant("inherit");
    tenants.push(tenant);
    expect(await outcome(callerFor(tenant.users.VIEWER, tenant.clientSlug).organization.current())).toBe("OK");
    expect(await outcome(callerFor(tenant.users.VIEWER, tenant.clientSlug).organization.updateSettings({ name: "X Y", timezone: "UTC", industry: null, country: null }))).toBe("FORBIDDEN");
    expect(await outcome(callerFor(tenant.users.ADMIN, tenant.clientSlug).organization.updateSettings({ name: "Renamed client", timezone: "UTC", industry: null, country: null }))).toBe("OK");
  });
});
