import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { decryptSecret, encodeSandboxCode, getNetworkAdapter, hashOAuthState, setNetworkAdapterOverride, type NetworkAdapter } from "@mg/integrations";
import { freshAccount, freshPost } from "../procedure-cases/social";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { completeConnect, SocialConnectError } from "../../src/services/social-connect";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant("connect");
});
afterAll(async () => {
  await deleteTenant(t);
});
afterEach(() => {
  setNetworkAdapterOverride("SANDBOX", null);
});

const owner = () => callerFor(t.users.OWNER, t.slug);

/** What the Sandbox consent page does: a code for the chosen profile, bound to the PKCE challenge. */
async function consent(options: { handle: string; name?: string; reconnectAccountId?: string }) {
  const { authorizationUrl } = await owner().socialAccounts.startConnect({ network: "SANDBOX", reconnectAccountId: options.reconnectAccountId });
  const url = new URL(authorizationUrl);
  const state = url.searchParams.get("state") ?? "";
  const codeChallenge = url.searchParams.get("code_challenge") ?? "";
  return { url, state, code: encodeSandboxCode({ name: options.name ?? `Profile ${options.handle}`, handle: options.handle, codeChallenge }) };
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

/** The Sandbox, answering exchanges and refreshes without any refresh token (as some networks do). */
function withoutRefreshTokens(base: NetworkAdapter): NetworkAdapter {
  return {
    ...base,
    async exchangeCode(exchange) {
      const result = await base.exchangeCode(exchange);
      return { ...result, tokens: { ...result.tokens, refreshToken: null, refreshTokenExpiresAt: null } };
    },
  };
}

describe("connecting a Sandbox account", () => {
  it("start → consent → callback creates the account with encrypted tokens, once", async () => {
    const handle = `bakery_${Date.now()}`;
    const { url, state, code } = await consent({ handle, name: "Northwind Bakery" });
    expect(url.pathname).toBe("/sandbox/authorize");
    expect(url.searchParams.get("redirect_uri")).toMatch(/\/api\/integrations\/sandbox\/callback$/);

    const stored = await systemDb().oAuthConnectState.findUniqueOrThrow({ where: { stateHash: hashOAuthState(state) } });
    expect(stored.organizationId).toBe(t.id);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    const result = await completeConnect({ network: "SANDBOX", code, state, userId: t.users.OWNER.id });
    expect(result).toMatchObject({ orgSlug: t.slug, connected: 1, skipped: [], notice: null });

    const account = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: result.accountIds[0] } });
    expect(account).toMatchObject({ organizationId: t.id, network: "SANDBOX", name: "Northwind Bakery", handle: `@${handle}`, status: "CONNECTED", connectedById: t.users.OWNER.id });
    expect(account.accessTokenEnc).not.toContain("sbxat.");
    expect(decryptSecret(account.accessTokenEnc ?? "")).toMatch(/^sbxat\./);
    expect(decryptSecret(account.refreshTokenEnc ?? "")).toMatch(/^sbxrt\./);
    expect(account.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());

    expect(await systemDb().oAuthConnectState.count({ where: { stateHash: hashOAuthState(state) } })).toBe(0);
    const audit = await systemDb().auditLog.findFirst({ where: { organizationId: t.id, action: "socialAccounts.connect", targetId: account.id } });
    expect(audit?.actorId).toBe(t.users.OWNER.id);

    // The state is single use: replaying the callback is refused and connects nothing more.
    const replay = await refusal(completeConnect({ network: "SANDBOX", code, state, userId: t.users.OWNER.id }));
    expect(replay.message).toMatch(/invalid or was already used/);
    expect(await systemDb().socialAccount.count({ where: { organizationId: t.id, externalId: account.externalId } })).toBe(1);

    const listed = await owner().socialAccounts.list();
    expect(listed.find((a) => a.id === account.id)).toMatchObject({ status: "CONNECTED", reconnectSoon: false, scheduledCount: 0, lastError: null });
    expect(JSON.stringify(listed)).not.toContain("TokenEnc");
  });

  it("reconnecting without a new refresh token keeps the stored one and clears the error", async () => {
    const handle = `keep_${Date.now()}`;
    const first = await consent({ handle });
    const { accountIds } = await completeConnect({ network: "SANDBOX", code: first.code, state: first.state, userId: t.users.OWNER.id });
    const accountId = accountIds[0] ?? "";
    const before = await systemDb().socialAccount.update({ where: { id: accountId }, data: { status: "NEEDS_RECONNECT", lastError: "Sandbox access token has expired." } });

    setNetworkAdapterOverride("SANDBOX", withoutRefreshTokens(getNetworkAdapter("SANDBOX")));
    const again = await consent({ handle, reconnectAccountId: accountId });
    const result = await completeConnect({ network: "SANDBOX", code: again.code, state: again.state, userId: t.users.OWNER.id });
    expect(result.accountIds).toEqual([accountId]);

    const after = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(after.refreshTokenEnc).toBe(before.refreshTokenEnc);
    expect(after.refreshTokenExpiresAt).toEqual(before.refreshTokenExpiresAt);
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    expect(after).toMatchObject({ status: "CONNECTED", lastError: null });
    expect(await systemDb().auditLog.count({ where: { organizationId: t.id, action: "socialAccounts.reconnect", targetId: accountId } })).toBe(1);
  });

  it("a reconnect signed in as another profile is refused", async () => {
    const accountId = await freshAccount(t);
    const { code, state } = await consent({ handle: `someone_else_${Date.now()}`, reconnectAccountId: accountId });
    const error = await refusal(completeConnect({ network: "SANDBOX", code, state, userId: t.users.OWNER.id }));
    expect(error.orgSlug).toBe(t.slug);
    expect(error.message).toMatch(/different account/);
  });

  it("an expired state is refused (and used up)", async () => {
    const { code, state } = await consent({ handle: `late_${Date.now()}` });
    await systemDb().oAuthConnectState.update({ where: { stateHash: hashOAuthState(state) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const error = await refusal(completeConnect({ network: "SANDBOX", code, state, userId: t.users.OWNER.id }));
    expect(error.orgSlug).toBe(t.slug);
    expect(error.message).toMatch(/longer than 10 minutes/);
    expect(await systemDb().oAuthConnectState.count({ where: { stateHash: hashOAuthState(state) } })).toBe(0);
  });

  it("only the user who started the connection can finish it", async () => {
    const { code, state } = await consent({ handle: `hijack_${Date.now()}` });
    const error = await refusal(completeConnect({ network: "SANDBOX", code, state, userId: t.users.ADMIN.id }));
    expect(error.message).toMatch(/started by someone else/);
    const unknown = await refusal(completeConnect({ network: "SANDBOX", code, state: "not-a-state", userId: t.users.OWNER.id }));
    expect(unknown.orgSlug).toBeNull();
  });

  it("a code the network rejects shows the network's message", async () => {
    const { state } = await consent({ handle: `bad_${Date.now()}` });
    const error = await refusal(completeConnect({ network: "SANDBOX", code: "garbage", state, userId: t.users.OWNER.id }));
    expect(error.message).toMatch(/^Sandbox refused the connection: .*invalid_grant/);
  });

  it("refuses roles without accounts.manage and unconfigured or mismatched networks", async () => {
    expect(await outcome(callerFor(t.users.CONTENT_EDITOR, t.slug).socialAccounts.startConnect({ network: "SANDBOX" }))).toBe("FORBIDDEN");
    const networks = await owner().socialAccounts.networks();
    const unconfigured = networks.find((n) => !n.configured);
    expect(networks.find((n) => n.network === "SANDBOX")?.configured).toBe(true);
    if (unconfigured) {
      await expect(owner().socialAccounts.startConnect({ network: unconfigured.network })).rejects.toMatchObject({ code: "BAD_REQUEST", message: unconfigured.reason });
    }
    const accountId = await freshAccount(t);
    expect(await outcome(owner().socialAccounts.startConnect({ network: "LINKEDIN", reconnectAccountId: accountId }))).toBe("BAD_REQUEST");
  });
});

describe("social account quota", () => {
  let q: Tenant;
  beforeAll(async () => {
    q = await createTenant("quota");
  });
  afterAll(async () => {
    await deleteTenant(q);
  });

  it("new connects stop at the plan's limit; a multi-profile consent connects up to it and reports the rest", async () => {
    await freshAccount(q);
    await systemDb().organization.update({ where: { id: q.id }, data: { limitOverrides: { socialAccounts: 2 } } });
    const caller = callerFor(q.users.OWNER, q.slug);

    // Two pages in one consent, one seat left.
    const base = getNetworkAdapter("SANDBOX");
    setNetworkAdapterOverride("SANDBOX", {
      ...base,
      async exchangeCode(exchange) {
        const result = await base.exchangeCode(exchange);
        const profile = result.profiles[0];
        if (!profile) throw new Error("no profile");
        return { ...result, profiles: [profile, { ...profile, externalId: `${profile.externalId}_2`, name: "Second page" }] };
      },
    });
    const { authorizationUrl } = await caller.socialAccounts.startConnect({ network: "SANDBOX" });
    const url = new URL(authorizationUrl);
    const code = encodeSandboxCode({ name: "First page", handle: `pages_${Date.now()}`, codeChallenge: url.searchParams.get("code_challenge") ?? "" });
    const result = await completeConnect({ network: "SANDBOX", code, state: url.searchParams.get("state") ?? "", userId: q.users.OWNER.id });
    expect(result.connected).toBe(1);
    expect(result.skipped).toEqual(["Second page"]);
    expect(result.notice).toMatch(/Second page was not connected: your Professional plan allows 2 social accounts/);
    expect(await systemDb().socialAccount.count({ where: { organizationId: q.id, status: { not: "DISCONNECTED" } } })).toBe(2);

    // Full: starting a new connect is an upgrade prompt; reconnecting an existing account is not.
    await expect(caller.socialAccounts.startConnect({ network: "SANDBOX" })).rejects.toMatchObject({ code: "FORBIDDEN", cause: { details: { kind: "quota", key: "socialAccounts", limit: 2, current: 2 } } });
    expect(await outcome(caller.socialAccounts.startConnect({ network: "SANDBOX", reconnectAccountId: result.accountIds[0] }))).toBe("OK");

    // A disconnected account frees its seat.
    const [first] = await systemDb().socialAccount.findMany({ where: { organizationId: q.id }, orderBy: { createdAt: "asc" } });
    await caller.socialAccounts.disconnect({ accountId: first?.id ?? "" });
    expect(await outcome(caller.socialAccounts.startConnect({ network: "SANDBOX" }))).toBe("OK");
  });
});

describe("disconnect and refresh", () => {
  it("disconnect wipes tokens, cancels the account's scheduled targets and returns emptied posts to draft", async () => {
    const gone = await freshAccount(t);
    const staying = await freshAccount(t);
    const onlyGone = await freshPost(t, gone);
    const both = await freshPost(t, gone);
    await systemDb().postTarget.create({ data: { organizationId: t.id, postId: both, socialAccountId: staying, network: "SANDBOX", status: "SCHEDULED", scheduledAt: new Date(Date.now() + 86_400_000) } });

    const result = await owner().socialAccounts.disconnect({ accountId: gone });
    expect(result).toEqual({ id: gone, cancelledTargets: 2, postsBackToDraft: 1 });

    const account = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: gone } });
    expect(account).toMatchObject({ status: "DISCONNECTED", accessTokenEnc: null, refreshTokenEnc: null, tokenExpiresAt: null });
    const draft = await systemDb().post.findUniqueOrThrow({ where: { id: onlyGone }, include: { targets: true } });
    expect(draft.status).toBe("DRAFT");
    expect(draft.scheduleVersion).toBe(1);
    expect(draft.targets[0]).toMatchObject({ status: "CANCELLED", lastError: expect.stringMatching(/was disconnected/) });
    const mixed = await systemDb().post.findUniqueOrThrow({ where: { id: both }, include: { targets: true } });
    expect(mixed.status).toBe("SCHEDULED");
    expect(mixed.targets.map((x) => [x.socialAccountId, x.status]).sort()).toEqual(
      [
        [gone, "CANCELLED"],
        [staying, "SCHEDULED"],
      ].sort(),
    );
    const cancelled = await systemDb().eventOutbox.findFirst({ where: { name: "post/cancelled", eventId: `post:${onlyGone}:cancel:v1` } });
    expect(cancelled).not.toBeNull();
  });

  it("refreshToken renews the access token; without a refresh token it asks for a reconnect", async () => {
    const accountId = await freshAccount(t);
    const before = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: accountId } });
    const { tokenExpiresAt } = await owner().socialAccounts.refreshToken({ accountId });
    const after = await systemDb().socialAccount.findUniqueOrThrow({ where: { id: accountId } });
    expect(tokenExpiresAt).toEqual(after.tokenExpiresAt);
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);

    await systemDb().socialAccount.update({ where: { id: accountId }, data: { refreshTokenEnc: null } });
    await expect(owner().socialAccounts.refreshToken({ accountId })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/no refresh token/) });
  });
});
