import { TRPCError } from "@trpc/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { resetRateLimit } from "../src/rate-limit";
import { appRouter } from "../src/root";
import type { ProcedureMeta } from "../src/trpc/init";
import { listProcedures } from "../src/trpc/introspect";
import { callerFor, createTenant, deleteTenant, outcome, procedureAt, type Tenant } from "./fixtures";
import { fingerprints, PROCEDURE_CASES, type ForeignInput } from "./procedure-cases";

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
const owned: Tenant[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("iso-a"), createTenant("iso-b")]);
});
afterAll(async () => {
  await Promise.all([a, b, ...owned].map(deleteTenant));
});
// Every NOT_FOUND below must be the procedure's answer, not "you are no longer in A".
afterEach(async () => {
  // A's owner calls every procedure of the app, many times each: more than a person's request
  // budget per minute. The limit is proven in rate-limit.test.ts; here it would only hide answers.
  await Promise.all([a, b].flatMap((t) => Object.values(t.users).map((u) => resetRateLimit("userRequests", u.id))));
  expect(await outcome(callerFor(a.users.OWNER, a.slug).organization.current()), "A's owner lost access to A during the test").toBe("OK");
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function uuidsIn(value: unknown): string[] {
  return JSON.stringify(value ?? null).match(UUID) ?? [];
}

function expectNoTrace(response: unknown, of: Tenant, except: readonly string[] = []) {
  const text = JSON.stringify(response ?? null);
  for (const value of fingerprints(of)) {
    if (!except.includes(value)) expect(text, `response leaks ${value}`).not.toContain(value);
  }
}

interface CallResult {
  code: string;
  response?: unknown;
  error?: { message: string; data: unknown };
}

/** A call as `tenant`'s owner inside `tenant`, with the answer or the error's message and data. */
async function call(tenant: Tenant, path: string, input: unknown): Promise<CallResult> {
  try {
    return { code: "OK", response: await procedureAt(callerFor(tenant.users.OWNER, tenant.slug), path)(input) };
  } catch (error) {
    if (!(error instanceof TRPCError)) return { code: "THREW", error: { message: String(error), data: null } };
    const cause = error.cause as { details?: unknown } | undefined;
    return { code: error.code, error: { message: error.message, data: cause?.details ?? null } };
  }
}

/** A call's answer with every id replaced by its order of appearance, to compare two calls. */
function comparable(result: CallResult): unknown {
  const seen = new Map<string, string>();
  const text = JSON.stringify({ code: result.code, response: result.response ?? null, error: result.error ?? null }).replace(UUID, (id) => {
    if (!seen.has(id)) seen.set(id, `<id ${seen.size + 1}>`);
    return seen.get(id) ?? id;
  });
  return JSON.parse(text);
}

/** The case's foreign inputs, each named by the id field it aims at B. */
function foreignProbes(path: string): [string, ForeignInput][] {
  const spec = PROCEDURE_CASES[path];
  if (!spec) return [];
  return [...(spec.foreign ? [["`foreign`", spec.foreign] as [string, ForeignInput]] : []), ...Object.entries(spec.foreignAlso ?? {})];
}

type Parser = { safeParse?: (value: unknown) => { success: boolean; error?: unknown } };

/** The procedure's own input schemas accept the input: a refusal must come from whose id it is, not from a malformed input. */
function expectSchemaAccepts(path: string, input: unknown) {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { inputs: Parser[] } }>)[path];
  if (!procedure) throw new Error(`no procedure at ${path}`);
  for (const parser of procedure._def.inputs) {
    if (!parser.safeParse) throw new Error(`${path}: its input parser is not a zod schema`);
    const parsed = parser.safeParse(input);
    expect(parsed.success, `${path}: the foreign input does not pass the procedure's schema: ${JSON.stringify(parsed.error)}`).toBe(true);
  }
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

    it(`${procedure.path}: a valid call inside its own organization carries nothing of B`, async () => {
      const spec = PROCEDURE_CASES[procedure.path];
      if (!spec) throw new Error(`no case for ${procedure.path}`);
      // A tenant of its own: a valid call may change the caller's standing (members.leave).
      const self = await createTenant("iso-self");
      owned.push(self);
      const input = await spec.valid(self);
      const before = await snapshot(b);
      const result = await call(self, procedure.path, input);
      expectNoTrace(result.response ?? result.error, b);
      expect(await snapshot(b), `${procedure.path} changed B's data`).toEqual(before);
    });

    for (const [field, build] of foreignProbes(procedure.path)) {
      const spec = PROCEDURE_CASES[procedure.path];
      const answer = spec?.foreignAnswer ? "the same answer as an id that exists nowhere" : "NOT_FOUND, as an id that exists nowhere";
      it(`${procedure.path}: B's id in ${field} gets ${answer}`, async () => {
        const input = await build(a, b);
        expectSchemaAccepts(procedure.path, input);
        // The same input built from a tenant that is then deleted: its ids exist nowhere.
        const ghost = await createTenant("iso-ghost");
        const unknownInput = await build(a, ghost);
        await deleteTenant(ghost);
        const before = await snapshot(b);

        const foreign = await call(a, procedure.path, input);
        const unknown = await call(a, procedure.path, unknownInput);

        if (!spec?.foreignAnswer) expect(foreign.code, `${procedure.path} with B's ${field} answered ${foreign.code}: ${foreign.error?.message ?? ""}`).toBe("NOT_FOUND");
        // Nothing tells "someone else's" from "nobody's": same code, message, details and data.
        expect(comparable(foreign), `${procedure.path}: B's ${field} is told apart from an unknown id`).toEqual(comparable(unknown));
        expectNoTrace(foreign.response, b);
        // An error may repeat the caller's own input, nothing else of B.
        expectNoTrace(foreign.error, b, uuidsIn(input));
        // The ids aimed at B's rows must not come back in an answer either (no echo of a row A cannot see).
        const text = JSON.stringify(foreign.response ?? null);
        for (const id of uuidsIn(input)) expect(text, `${procedure.path} echoes B's id ${id}`).not.toContain(id);
        expect(await snapshot(b), `${procedure.path} changed B's data`).toEqual(before);
      });

      it(`${procedure.path}: the ${field} input is valid apart from whose id it names (own ids succeed)`, async () => {
        const own = await createTenant("iso-own");
        owned.push(own);
        const input = await build(own, own);
        expectSchemaAccepts(procedure.path, input);
        const result = await call(own, procedure.path, input);
        expect(result.code, `${procedure.path} with its own ${field}: ${result.error?.message ?? ""}`).toBe("OK");
      });
    }
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
