import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../src/root";
import { can, ROLES, type Role } from "../src/rbac";
import { listProcedures } from "../src/trpc/introspect";
import { callerFor, createTenant, deleteTenant, outcome, procedureAt, type Tenant } from "./fixtures";
import { PROCEDURE_CASES, type ProcedureCase } from "./procedure-cases";

const orgProcedures = listProcedures(appRouter).flatMap((p) =>
  p.meta?.access === "org" && p.meta.permission ? [{ path: p.path, permission: p.meta.permission }] : [],
);

const tenants: Tenant[] = [];
afterAll(async () => {
  await Promise.all(tenants.map(deleteTenant));
});

/** The call's result as code and message, so a failure says what the procedure answered. */
async function attempt(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
    return { code: "OK", message: "" };
  } catch (error) {
    return { code: (error as { code?: string }).code ?? "THREW", message: (error as Error).message };
  }
}

/** What an allowed role may get back: success, or one of the case's declared domain errors. */
function acceptableForAllowed(spec: ProcedureCase, role: Role): string[] {
  return ["OK", ...(spec.allowedErrors ?? []).filter((e) => !e.roles || e.roles.includes(role)).map((e) => e.code)];
}

describe("RBAC matrix: every role × every organization procedure", () => {
  it("every org procedure declares a permission", () => {
    const all = listProcedures(appRouter).filter((p) => p.meta?.access === "org");
    expect(all.length).toBe(orgProcedures.length);
  });

  it("declared allowed errors are domain errors with a reason", () => {
    for (const [path, spec] of Object.entries(PROCEDURE_CASES)) {
      for (const declared of spec.allowedErrors ?? []) {
        expect(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "INTERNAL_SERVER_ERROR"], path).not.toContain(declared.code);
        expect(declared.reason.trim().length, `${path}: ${declared.code} needs a reason`).toBeGreaterThan(10);
      }
    }
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
          const result = await attempt(procedureAt(caller, path)(await spec.valid(tenant, tenant.users[role])));
          // Allowed means it works: an error the case does not declare (a 500, a BAD_REQUEST from
          // an input that is not really valid) is a failure, not a pass.
          if (allowed) expect(acceptableForAllowed(spec, role), `${role} on ${path} answered ${result.code}: ${result.message}`).toContain(result.code);
          else expect(result.code, `${role} on ${path}: ${result.message}`).toBe("FORBIDDEN");
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
