import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { appRouter } from "../src/root";
import { can, ROLES } from "../src/rbac";
import { hashLinkToken } from "../src/services/tokens";
import type { SessionUser } from "../src/trpc/context";
import { listProcedures } from "../src/trpc/introspect";
import { callerFor, createTenant, deleteTenant, procedureAt, type Tenant } from "./fixtures";
import { PROCEDURE_CASES } from "./procedure-cases";
import { uploadForm } from "./procedure-cases/social";

/**
 * Every mutation of the router, found by walking it: a successful call writes exactly one
 * audit_logs row (in the organization it acted in, named by the procedure's path), a failing
 * call writes none, and a mutation that declares `audit: false` writes none at all.
 */

interface Call {
  user: SessionUser | null;
  orgSlug: string | null;
  input: unknown;
}

interface SuccessRecipe extends Call {
  /** Where the row belongs, given the call's answer. */
  organizationId: (result: unknown) => string;
}

interface FailureRecipe extends Call {
  /** What makes this call fail inside the procedure (not at the door). */
  why: string;
}

/** A verified user that is no member of anything yet. */
async function outsider(t: Tenant): Promise<SessionUser> {
  const email = `outsider-${randomUUID()}@test.local`;
  const user = await systemDb().user.create({ data: { email, name: "Outsider", emailVerified: new Date() } });
  return { ...t.users.VIEWER, id: user.id, email, name: user.name };
}

async function invitationFor(t: Tenant, email: string): Promise<string> {
  const token = randomUUID() + randomUUID();
  await systemDb().invitation.create({
    data: { organizationId: t.id, email, role: "VIEWER", tokenHash: hashLinkToken(token), expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return token;
}

const idOf = (result: unknown) => {
  const id = (result as { id?: unknown } | null)?.id;
  if (typeof id !== "string") throw new Error(`the answer has no id: ${JSON.stringify(result)}`);
  return id;
};

/**
 * Mutations outside an organization URL: how to make one succeed (an org procedure's default is
 * its case's `valid` as the owner, audited in the tenant).
 */
const SUCCESS: Record<string, (t: Tenant) => Promise<SuccessRecipe>> = {
  "organization.create": async (t) => ({
    user: t.users.OWNER,
    orgSlug: null,
    input: await PROCEDURE_CASES["organization.create"]?.valid(t),
    organizationId: idOf,
  }),
  "members.accept": async (t) => {
    const user = await outsider(t);
    return { user, orgSlug: null, input: { token: await invitationFor(t, user.email) }, organizationId: () => t.id };
  },
  // Unaudited account mutations (no organization): recipes that make them succeed.
  "auth.resendVerification": async (t) => {
    const user = await outsider(t);
    await systemDb().user.update({ where: { id: user.id }, data: { emailVerified: null } });
    return { user: { ...user, emailVerified: false }, orgSlug: null, input: undefined, organizationId: () => t.id };
  },
  "account.endSession": async (t) => {
    const session = await systemDb().session.create({ data: { sessionToken: randomUUID(), userId: t.users.OWNER.id, expires: new Date(Date.now() + 86_400_000) } });
    return { user: t.users.OWNER, orgSlug: null, input: { sessionId: session.id }, organizationId: () => t.id };
  },
};

/** Failures inside the handler where a case's foreign input does not give one (or for calls outside an organization). */
const FAILURES: Record<string, (t: Tenant) => Promise<FailureRecipe>> = {
  "organization.create": async (t) => ({
    user: { ...t.users.OWNER, emailVerified: false },
    orgSlug: null,
    input: await PROCEDURE_CASES["organization.create"]?.valid(t),
    why: "the caller's email is not verified",
  }),
  "organization.createClient": async (t) => {
    await systemDb().organization.update({ where: { id: t.id }, data: { featureFlags: { agencyClients: false } } });
    return { user: t.users.OWNER, orgSlug: t.slug, input: { name: "Refused client", timezone: "UTC" }, why: "the plan lacks agency clients" };
  },
  "members.invite": async (t) => {
    // The handler revokes an earlier invitation of the address first: that write must roll back too.
    await systemDb().invitation.create({ data: { organizationId: t.id, email: "again@test.local", role: "VIEWER", tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) } });
    const seats = (await systemDb().membership.count({ where: { organizationId: t.id } })) + 1;
    await systemDb().organization.update({ where: { id: t.id }, data: { limitOverrides: { users: seats - 1 } } });
    return { user: t.users.OWNER, orgSlug: t.slug, input: { email: "again@test.local", role: "VIEWER" }, why: "no seat left" };
  },
  "members.accept": async (t) => {
    const user = await outsider(t);
    return { user, orgSlug: null, input: { token: await invitationFor(t, `someone-else-${randomUUID()}@test.local`) }, why: "the invitation is for another address" };
  },
  "members.leave": async (t) => ({ user: t.users.OWNER, orgSlug: t.slug, input: undefined, why: "the last owner may not leave" }),
  "media.upload": async (t) => ({ user: t.users.OWNER, orgSlug: t.slug, input: uploadForm(undefined, "pixel.jpg", "image/jpeg"), why: "a PNG that claims to be a JPEG" }),
  "campaigns.create": async (t) => {
    await systemDb().organization.update({ where: { id: t.id }, data: { limitOverrides: { campaigns: 0 } } });
    return { user: t.users.OWNER, orgSlug: t.slug, input: await PROCEDURE_CASES["campaigns.create"]?.valid(t), why: "the campaign quota is used up" };
  },
};

const mutations = listProcedures(appRouter).filter((p) => p.type === "mutation");
const tenants: Tenant[] = [];
let other: Tenant;

beforeAll(async () => {
  other = await createTenant("audit-other");
  tenants.push(other);
});
afterAll(async () => {
  await Promise.all(tenants.map(deleteTenant));
});

async function freshTenant(): Promise<Tenant> {
  const t = await createTenant("audit");
  tenants.push(t);
  return t;
}

/** Every audit row that a call in `t`'s world could have written: its organizations, its users. */
async function rowsOf(t: Tenant) {
  const userIds = Object.values(t.users).map((u) => u.id);
  const orgIds = (await systemDb().organization.findMany({ where: { OR: [{ id: t.id }, { parentId: t.id }] }, select: { id: true } })).map((o) => o.id);
  return systemDb().auditLog.findMany({ where: { OR: [{ organizationId: { in: orgIds } }, { actorId: { in: userIds } }] }, orderBy: { createdAt: "asc" } });
}

async function run(path: string, call: Call): Promise<{ ok: true; result: unknown } | { ok: false; code: string; message: string }> {
  try {
    return { ok: true, result: await procedureAt(callerFor(call.user, call.orgSlug), path)(call.input) };
  } catch (error) {
    return { ok: false, code: (error as { code?: string }).code ?? "THREW", message: (error as Error).message };
  }
}

describe("audit: every mutation", () => {
  it("discovers the mutations", () => {
    expect(mutations.length).toBeGreaterThan(10);
  });

  for (const mutation of mutations) {
    const path = mutation.path;
    const spec = PROCEDURE_CASES[path];

    if (mutation.meta?.audit === false) {
      it(`${path} declares audit: false and writes no audit row`, async () => {
        if (!spec) throw new Error(`no case for ${path} in test/procedure-cases.ts`);
        const t = await freshTenant();
        const started = new Date();
        const custom = SUCCESS[path];
        const call: Call = custom ? await custom(t) : { user: mutation.meta?.access === "public" ? null : t.users.OWNER, orgSlug: mutation.meta?.access === "org" ? t.slug : null, input: await spec.valid(t) };
        const result = await run(path, call);
        expect(result.ok, `${path} should succeed: ${JSON.stringify(result)}`).toBe(true);
        // Nobody writes rows for an unaudited mutation, so this holds across parallel test files.
        expect(await systemDb().auditLog.count({ where: { action: path, createdAt: { gte: started } } })).toBe(0);
      });
      continue;
    }

    it(`${path}: a successful call writes exactly one audit row, in its organization, named ${path}`, async () => {
      const t = await freshTenant();
      let recipe: SuccessRecipe;
      const custom = SUCCESS[path];
      if (custom) recipe = await custom(t);
      else if (mutation.meta?.access === "org" && spec) recipe = { user: t.users.OWNER, orgSlug: t.slug, input: await spec.valid(t), organizationId: () => t.id };
      else throw new Error(`${path} (${mutation.meta?.access ?? "no meta"}) needs a success recipe in audit-coverage.test.ts`);

      const before = new Set((await rowsOf(t)).map((r) => r.id));
      const result = await run(path, recipe);
      if (!result.ok) throw new Error(`${path} should succeed: ${result.code} ${result.message}`);
      const written = (await rowsOf(t)).filter((r) => !before.has(r.id));
      expect(written.map((r) => r.action)).toEqual([path]);
      expect(written[0]?.organizationId).toBe(recipe.organizationId(result.result));
      expect(written[0]?.actorId).toBe(recipe.user?.id ?? null);
    });

    it(`${path}: failing calls write no audit row`, async () => {
      const t = await freshTenant();
      const failures: FailureRecipe[] = [];
      if (spec?.foreign && mutation.meta?.access === "org") failures.push({ user: t.users.OWNER, orgSlug: t.slug, input: await spec.foreign(t, other), why: "another organization's id" });
      const custom = FAILURES[path];
      if (custom) failures.push(await custom(t));
      const permission = mutation.meta?.permission;
      if (mutation.meta?.access === "org" && permission && spec) {
        for (const role of ROLES.filter((r) => !can(r, permission))) {
          failures.push({ user: t.users[role], orgSlug: t.slug, input: await spec.valid(t), why: `${role} lacks ${permission}` });
        }
      }
      expect(failures.length, `${path} needs a failing call (a foreign input in its case, or FAILURES here)`).toBeGreaterThan(0);

      const before = new Set((await rowsOf(t)).map((r) => r.id));
      for (const failure of failures) {
        const result = await run(path, failure);
        expect(result.ok, `${path} should fail (${failure.why})`).toBe(false);
      }
      const written = (await rowsOf(t)).filter((r) => !before.has(r.id));
      expect(written.map((r) => `${r.action} ${r.organizationId}`)).toEqual([]);
    });
  }
});
