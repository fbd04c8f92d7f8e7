import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { encodeSandboxCode } from "@mg/integrations";
import type { QuotaKey } from "../src/plans";
import { assertQuota, USAGE_COUNTERS } from "../src/quotas";
import { completeConnect } from "../src/services/social-connect";
import { forOrg, withOrg } from "@mg/db";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "./fixtures";
import { TINY_PNG, uploadForm } from "./procedure-cases/social";

/**
 * Quotas hold when creates race: N parallel creates against a quota with N - 1 left give exactly
 * N - 1 successes and one upgrade refusal, in single-transaction procedures, in a per-operation
 * one (media upload, whose storage call sits between check and insert) and in the OAuth callback.
 */
const N = 5;
const tenants: Tenant[] = [];
afterAll(async () => {
  await Promise.all(tenants.map(deleteTenant));
});

async function tenantWithRoomFor(quota: QuotaKey, room: number): Promise<Tenant> {
  const t = await createTenant(`quota-${quota}`);
  tenants.push(t);
  const org = await systemDb().organization.findUniqueOrThrow({ where: { id: t.id } });
  const counter = USAGE_COUNTERS[quota];
  if (!counter) throw new Error(`no counter for ${quota}`);
  const used = await counter(forOrg(t.id), org);
  await systemDb().organization.update({ where: { id: t.id }, data: { limitOverrides: { [quota]: used + room } } });
  return t;
}

async function race(calls: (() => Promise<unknown>)[]): Promise<string[]> {
  return Promise.all(calls.map((call) => outcome(call())));
}

function tally(outcomes: string[]) {
  return { ok: outcomes.filter((o) => o === "OK").length, refused: outcomes.filter((o) => o === "FORBIDDEN").length, other: outcomes.filter((o) => o !== "OK" && o !== "FORBIDDEN") };
}

describe(`${N} parallel creates at a quota with ${N - 1} left`, () => {
  it("invitations (users)", async () => {
    const t = await tenantWithRoomFor("users", N - 1);
    const owner = callerFor(t.users.OWNER, t.slug);
    const outcomes = await race(Array.from({ length: N }, () => () => owner.members.invite({ email: `race-${randomUUID()}@test.local`, role: "VIEWER" })));
    expect(tally(outcomes)).toEqual({ ok: N - 1, refused: 1, other: [] });
    expect(await systemDb().invitation.count({ where: { organizationId: t.id, email: { startsWith: "race-" } } })).toBe(N - 1);
  });

  it("client organizations", async () => {
    const t = await tenantWithRoomFor("clientOrganizations", N - 1);
    const owner = callerFor(t.users.OWNER, t.slug);
    const outcomes = await race(Array.from({ length: N }, (_, i) => () => owner.organization.createClient({ name: `Race client ${i} ${randomUUID().slice(0, 4)}`, timezone: "UTC" })));
    expect(tally(outcomes)).toEqual({ ok: N - 1, refused: 1, other: [] });
    expect(await systemDb().organization.count({ where: { parentId: t.id } })).toBe(1 + N - 1);
  });

  it("campaigns", async () => {
    const t = await tenantWithRoomFor("campaigns", N - 1);
    const owner = callerFor(t.users.OWNER, t.slug);
    const outcomes = await race(Array.from({ length: N }, (_, i) => () => owner.campaigns.create({ name: `Race ${i} ${randomUUID().slice(0, 6)}`, startsOn: "2026-03-01", endsOn: "2026-03-31" })));
    expect(tally(outcomes)).toEqual({ ok: N - 1, refused: 1, other: [] });
  });

  it("media storage (a per-operation procedure)", async () => {
    const t = await tenantWithRoomFor("storageMb", N - 1);
    const owner = callerFor(t.users.OWNER, t.slug);
    // Exactly 1 MB each: a PNG header (what the upload checks) padded to a megabyte.
    const megabyte = new Uint8Array(1024 * 1024);
    megabyte.set(TINY_PNG);
    const outcomes = await race(Array.from({ length: N }, (_, i) => () => owner.media.upload(uploadForm(megabyte, `race-${i}.png`, "image/png"))));
    expect(tally(outcomes)).toEqual({ ok: N - 1, refused: 1, other: [] });
    expect(await systemDb().mediaAsset.count({ where: { organizationId: t.id, deletedAt: null } })).toBe(N - 1);
  });

  it("social accounts connected by parallel OAuth callbacks", async () => {
    const t = await tenantWithRoomFor("socialAccounts", N - 1);
    const owner = callerFor(t.users.OWNER, t.slug);
    const consents = [];
    for (let i = 0; i < N; i++) {
      const { authorizationUrl } = await owner.socialAccounts.startConnect({ network: "SANDBOX" });
      const url = new URL(authorizationUrl);
      const handle = `race_${i}_${randomUUID().slice(0, 6)}`;
      consents.push({ state: url.searchParams.get("state") ?? "", code: encodeSandboxCode({ name: `Race ${handle}`, handle, codeChallenge: url.searchParams.get("code_challenge") ?? "" }) });
    }
    const results = await Promise.all(consents.map((c) => completeConnect({ network: "SANDBOX", code: c.code, state: c.state, userId: t.users.OWNER.id })));
    expect(results.reduce((n, r) => n + r.connected, 0)).toBe(N - 1);
    expect(results.reduce((n, r) => n + r.skipped.length, 0)).toBe(1);
    expect(await systemDb().socialAccount.count({ where: { organizationId: t.id, status: { not: "DISCONNECTED" } } })).toBe(N - 1);
  });
});

describe("the quota lock", () => {
  it("is refused outside a transaction (where it would be released at once) and works inside one", async () => {
    const t = await tenantWithRoomFor("campaigns", 1);
    const org = await systemDb().organization.findUniqueOrThrow({ where: { id: t.id } });
    await expect(assertQuota(forOrg(t.id), org, "campaigns")).rejects.toThrow(/must share one transaction/);
    await expect(withOrg(t.id, (db) => assertQuota(db, org, "campaigns"))).resolves.toBeUndefined();
  });
});
