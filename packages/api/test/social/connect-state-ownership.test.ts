import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { hashOAuthState, setNetworkAdapterOverride } from "@mg/integrations";
import { createLinkedInAdapter } from "../../../integrations/src/networks";
import { FakeLinkedInServer, LINKEDIN_APP } from "../../../integrations/test/fakes/linkedin-server";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";
import { abandonConnect, completeConnect, SocialConnectError } from "../../src/services/social-connect";

/**
 * The OAuth callback given a state that belongs to someone else: another organization's user, a
 * colleague, or a signed-out browser that was sent the link. It must refuse without using the
 * state up (its owner can still finish), without naming the owner's organization, and without
 * letting the error path (`?error=…`) cancel the owner's connection. LinkedIn here is the real
 * adapter against the fake LinkedIn server, so "nothing was exchanged" is observable.
 */

const linkedIn = new FakeLinkedInServer();
let victim: Tenant;
let attacker: Tenant;

beforeAll(async () => {
  await linkedIn.start();
  [victim, attacker] = await Promise.all([createTenant("connect-victim"), createTenant("connect-attacker")]);
});
afterAll(async () => {
  await linkedIn.stop();
  await Promise.all([deleteTenant(victim), deleteTenant(attacker)]);
});
beforeEach(() => {
  linkedIn.reset();
  setNetworkAdapterOverride("LINKEDIN", createLinkedInAdapter({ clientId: LINKEDIN_APP.id, clientSecret: LINKEDIN_APP.secret, apiBaseUrl: linkedIn.baseUrl, authBaseUrl: linkedIn.baseUrl, timeoutMs: 2000, mode: "organization" }));
});
afterEach(() => {
  setNetworkAdapterOverride("LINKEDIN", null);
});

/** The victim's owner starts a LinkedIn connect; LinkedIn would redirect back with this state and code. */
async function victimStartsLinkedIn() {
  const { authorizationUrl } = await callerFor(victim.users.OWNER, victim.slug).socialAccounts.startConnect({ network: "LINKEDIN" });
  const state = new URL(authorizationUrl).searchParams.get("state") ?? "";
  expect(state).not.toBe("");
  return { state, code: "good-code" };
}

async function refusal(promise: Promise<unknown>): Promise<SocialConnectError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SocialConnectError) return error;
    throw error;
  }
  throw new Error("expected the connection to be refused");
}

const stateExists = async (state: string) => (await systemDb().oAuthConnectState.count({ where: { stateHash: hashOAuthState(state) } })) === 1;
const tokenExchanges = () => linkedIn.requestsTo("POST", /accessToken$/).length;
const victimLinkedInAccounts = () => systemDb().socialAccount.count({ where: { organizationId: victim.id, network: "LINKEDIN" } });

function expectNothingRevealed(error: SocialConnectError) {
  expect(error.orgSlug).toBeNull();
  expect(error.message).not.toContain(victim.slug);
  expect(error.message).not.toContain(victim.name);
}

describe("a callback with someone else's state", () => {
  it("another organization's user is refused; the state survives and its owner still connects", async () => {
    const { state, code } = await victimStartsLinkedIn();
    const accountsBefore = await victimLinkedInAccounts();

    const error = await refusal(completeConnect({ network: "LINKEDIN", code, state, userId: attacker.users.OWNER.id }));
    expect(error.message).toMatch(/started by someone else/);
    expectNothingRevealed(error);
    expect(await stateExists(state)).toBe(true);
    expect(tokenExchanges()).toBe(0);
    expect(await victimLinkedInAccounts()).toBe(accountsBefore);
    expect(await systemDb().socialAccount.count({ where: { organizationId: attacker.id } })).toBe(0);

    const result = await completeConnect({ network: "LINKEDIN", code, state, userId: victim.users.OWNER.id });
    expect(result).toMatchObject({ orgSlug: victim.slug, connected: 2 });
    expect(tokenExchanges()).toBe(1);
    expect(await stateExists(state)).toBe(false);
  });

  it("a colleague in the same organization, or a signed-out browser, is refused the same way", async () => {
    const { state, code } = await victimStartsLinkedIn();
    for (const userId of [victim.users.ADMIN.id, null]) {
      const error = await refusal(completeConnect({ network: "LINKEDIN", code, state, userId }));
      expectNothingRevealed(error);
      expect(await stateExists(state)).toBe(true);
    }
    expect(tokenExchanges()).toBe(0);
    expect(await completeConnect({ network: "LINKEDIN", code, state, userId: victim.users.OWNER.id })).toMatchObject({ orgSlug: victim.slug });
  });

  it("the error path cannot cancel someone else's connection, nor name their organization", async () => {
    const { state, code } = await victimStartsLinkedIn();
    expect(await abandonConnect({ state, userId: attacker.users.OWNER.id })).toEqual({ orgSlug: null });
    expect(await abandonConnect({ state, userId: null })).toEqual({ orgSlug: null });
    expect(await stateExists(state)).toBe(true);

    const result = await completeConnect({ network: "LINKEDIN", code, state, userId: victim.users.OWNER.id });
    expect(result.orgSlug).toBe(victim.slug);
  });

  it("the owner's own cancel uses the state up and returns to their accounts page", async () => {
    const { state, code } = await victimStartsLinkedIn();
    expect(await abandonConnect({ state, userId: victim.users.OWNER.id })).toEqual({ orgSlug: victim.slug });
    expect(await stateExists(state)).toBe(false);
    const replay = await refusal(completeConnect({ network: "LINKEDIN", code, state, userId: victim.users.OWNER.id }));
    expect(replay.message).toMatch(/invalid or was already used/);
    expect(tokenExchanges()).toBe(0);
  });

  it("of two concurrent callbacks by the owner, exactly one connects", async () => {
    const { state, code } = await victimStartsLinkedIn();
    const outcomes = await Promise.allSettled([1, 2].map(() => completeConnect({ network: "LINKEDIN", code, state, userId: victim.users.OWNER.id })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected");
    expect(rejected?.status === "rejected" ? (rejected.reason as Error).message : "").toMatch(/invalid or was already used/);
    expect(tokenExchanges()).toBe(1);
  });
});
