import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { appRouter } from "../src/root";
import type { ProcedureMeta } from "../src/trpc/init";
import { listProcedures } from "../src/trpc/introspect";
import { callerFor, createTenant, deleteTenant, outcome, procedureAt, type Tenant } from "./fixtures";
import { fingerprints, PROCEDURE_CASES } from "./procedure-cases";

interface DiscoveredProcedure {
  path: string;
  type: "query" | "mutation" | "subscription";
  meta: ProcedureMeta;
}

/** Every procedure of the app router, found by walking the router itself. */
function discoverProcedures(): DiscoveredProcedure[] {
  return listProcedures(appRouter).map(({ path, type, meta }) => {
    if (!meta) throw new Error(`${path} has no procedure meta: it was not built with publicProcedure/authedProcedure/orgProcedure`);
    return { path, type, meta };
  });
}


const procedures = discoverProcedures();
let a: Tenant;
let b: Tenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("iso-a"), createTenant("iso-b")]);
});
afterAll(async () => {
  await Promise.all([deleteTenant(a), deleteTenant(b)]);
});

function expectNoTrace(response: unknown, of: Tenant) {
  const text = JSON.stringify(response ?? null);
  for (const value of fingerprints(of)) expect(text, `response leaks ${value}`).not.toContain(value);
}

describe("tenant isolation across every procedure", () => {
  it("discovers the router's procedures and has an expectation for each", () => {
    expect(procedures.length).toBeGreaterThan(10);
    const missing = procedures.map((p) => p.path).filter((path) => !(path in PROCEDURE_CASES));
    expect(missing, "procedures without an isolation expectation in test/procedure-cases.ts").toEqual([]);
    const stale = Object.keys(PROCEDURE_CASES).filter((path) => !procedures.some((p) => p.path === path));
    expect(stale, "expectations for procedures that no longer exist").toEqual([]);
  });

  for (const procedure of procedures.filter((p) => p.meta.access === "org")) {
    it(`${procedure.path}: another organization's slug is NOT_FOUND`, async () => {
      const spec = PROCEDURE_CASES[procedure.path];
      if (!spec) throw new Error(`no case for ${procedure.path}`);
      for (const slug of [b.slug, b.clientSlug, "no-such-organization"]) {
        const input = await spec.valid(b);
        const result = await outcome(procedureAt(callerFor(a.users.OWNER, slug), procedure.path)(input));
        expect(result, `${procedure.path} as A's owner in ${slug}`).toBe("NOT_FOUND");
      }
    });

    it(`${procedure.path}: B's ids inside A's organization reach nothing of B`, async () => {
      const spec = PROCEDURE_CASES[procedure.path];
      if (!spec) throw new Error(`no case for ${procedure.path}`);
      const before = await snapshot(b);
      const input = spec.foreign ? await spec.foreign(a, b) : await spec.valid(a);
      let response: unknown = null;
      const result = await outcome(
        procedureAt(callerFor(a.users.OWNER, a.slug), procedure.path)(input).then((r) => {
          response = r;
        }),
      );
      // A mutation aimed at B's rows must be refused; a query may answer, but with nothing of B.
      if (spec.foreign && procedure.type === "mutation") {
        expect(["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"], `${procedure.path} with B's ids answered ${result}`).toContain(result);
      }
      expectNoTrace(response, b);
      expect(await snapshot(b), `${procedure.path} changed B's data`).toEqual(before);
    });
  }

  for (const procedure of procedures.filter((p) => p.meta.access !== "org")) {
    it(`${procedure.path} (${procedure.meta.access}): responses carry nothing of another tenant`, async () => {
      const spec = PROCEDURE_CASES[procedure.path];
      if (!spec) throw new Error(`no case for ${procedure.path}`);
      const before = await snapshot(b);
      let response: unknown = null;
      await outcome(
        procedureAt(callerFor(a.users.OWNER, b.slug), procedure.path)(await spec.valid(a)).then((r) => {
          response = r;
        }),
      );
      expectNoTrace(response, b);
      expect(await snapshot(b)).toEqual(before);
    });
  }
});

/** B's tenant rows as seen by the system path, to prove a call changed none of them. */
async function snapshot(tenant: Tenant) {
  const db = systemDb();
  const ids = [tenant.id, tenant.clientId];
  const [organizations, memberships, invitations, audit] = await Promise.all([
    db.organization.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } }),
    db.membership.findMany({ where: { organizationId: { in: ids } }, orderBy: { id: "asc" } }),
    db.invitation.findMany({ where: { organizationId: { in: ids } }, orderBy: { id: "asc" } }),
    db.auditLog.count({ where: { organizationId: { in: ids } } }),
  ]);
  return { organizations, memberships, invitations, audit };
}
