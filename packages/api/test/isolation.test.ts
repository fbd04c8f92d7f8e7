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
      // Build the input first: `foreign` may create B's rows to aim at.
      const input = spec.foreign ? await spec.foreign(a, b) : await spec.valid(a);
      const before = await snapshot(b);
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
      if (spec.foreign) {
        // The ids aimed at B's rows must not come back either (no echo of a row A cannot see).
        const aimed = JSON.stringify(input).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [];
        const text = JSON.stringify(response ?? null);
        for (const id of aimed) expect(text, `${procedure.path} echoes B's id ${id}`).not.toContain(id);
      }
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
  const inB = { organizationId: { in: ids } };
  const byId = { id: "asc" } as const;
  const [organizations, memberships, invitations, audit, social] = await Promise.all([
    db.organization.findMany({ where: { id: { in: ids } }, orderBy: byId }),
    db.membership.findMany({ where: inB, orderBy: byId }),
    db.invitation.findMany({ where: inB, orderBy: byId }),
    db.auditLog.count({ where: inB }),
    Promise.all([
      db.socialAccount.findMany({ where: inB, orderBy: byId }),
      db.post.findMany({ where: inB, orderBy: byId }),
      db.postTarget.findMany({ where: inB, orderBy: byId }),
      db.publishLedger.findMany({ where: inB, orderBy: byId }),
      db.mediaAsset.findMany({ where: inB, orderBy: byId }),
      db.campaign.findMany({ where: inB, orderBy: byId }),
      db.queueSlot.findMany({ where: inB, orderBy: byId }),
      db.abTest.findMany({ where: inB, orderBy: byId }),
      db.alert.findMany({ where: inB, orderBy: byId }),
      db.importBatch.findMany({ where: inB, orderBy: byId }),
      db.oAuthConnectState.count({ where: inB }),
      db.postMetric.count({ where: inB }),
      db.accountMetric.count({ where: inB }),
    ]),
  ]);
  return { organizations, memberships, invitations, audit, social };
}
