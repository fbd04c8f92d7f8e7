import "./env";
import { disconnectAll, systemDb } from "@mg/db/system";
import { decryptSecret, encryptSecret } from "@mg/integrations";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { publishTarget } from "../../src/publishing/publish-target";
import { ensureFreshToken, refreshAccountToken } from "../../src/publishing/tokens";
import { FakeNetwork, sharedClock } from "./fake-network";
import { alertsOf, PublishingFixtures, targetOf } from "./fixtures";

/**
 * Tokens that expire between scheduling and publishing (X and TikTok: 2 hours), against a fake
 * whose access tokens expire, whose refresh tokens rotate, and which revokes the whole connection
 * when a refresh token is used twice (as X does).
 */
const fixtures = new PublishingFixtures();
let fake: FakeNetwork | undefined;

afterEach(() => fake?.uninstall());
afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

const TWO_HOURS = 2 * 3_600_000;

/** An account connected to the fake at `connectedAt`, with the fake's own tokens stored as the API stores them. */
async function setup(options: { connectedAgoMs: number; posts?: number; refreshDelayMs?: number }) {
  fake = new FakeNetwork({ tokens: { accessTtlMs: TWO_HOURS }, refreshDelayMs: options.refreshDelayMs }).install();
  const time = sharedClock(fake, new Date(Date.now() - options.connectedAgoMs));
  const tokens = fake.connect();
  time.advance(options.connectedAgoMs);
  const organizationId = await fixtures.org("Token Co");
  const account = await fixtures.account(organizationId, "X", { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, tokenExpiresAt: tokens.expiresAt });
  const posts = [];
  for (let i = 0; i < (options.posts ?? 1); i++) posts.push(await fixtures.scheduledPost(organizationId, [account]));
  const inputs = posts.map((p) => ({ organizationId, targetId: p.targetIds[0]!, scheduleVersion: 1, now: time.now() }));
  return { fake, time, tokens, organizationId, account, inputs };
}

const stored = (id: string) => systemDb().socialAccount.findUniqueOrThrow({ where: { id } });

describe("refresh just before publishing", () => {
  it("a token that expired after scheduling is renewed before the post goes out (it would have been a 401)", async () => {
    const { fake, tokens, account, inputs } = await setup({ connectedAgoMs: TWO_HOURS + 10 * 60_000 });

    const outcome = await publishTarget(inputs[0]!);

    expect(outcome).toMatchObject({ state: "ACKNOWLEDGED", sent: true });
    expect(fake.refreshCalls).toEqual([tokens.refreshToken]);
    expect(fake.publishCalls).toHaveLength(1);
    const after = await stored(account.id);
    expect(after.status).toBe("CONNECTED");
    expect(decryptSecret(after.accessTokenEnc ?? "")).not.toBe(tokens.accessToken);
    // The rotated refresh token is the one stored: the old one is spent.
    expect(decryptSecret(after.refreshTokenEnc ?? "")).not.toBe(tokens.refreshToken);
    expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(inputs[0]!.now.getTime() + TWO_HOURS - 1_000);
  });

  it("a token that expires within minutes is renewed too; one with hours left is not", async () => {
    const soon = await setup({ connectedAgoMs: TWO_HOURS - 3 * 60_000 });
    await publishTarget(soon.inputs[0]!);
    expect(soon.fake.refreshCalls).toHaveLength(1);
    soon.fake.uninstall();

    const later = await setup({ connectedAgoMs: 30 * 60_000 });
    await publishTarget(later.inputs[0]!);
    expect(later.fake.refreshCalls).toHaveLength(0);
    expect(later.fake.publishCalls).toHaveLength(1);
  });

  it("a 401 despite a valid-looking expiry (revoked, clocks) renews once and retries once", async () => {
    const { fake, account, inputs } = await setup({ connectedAgoMs: 10 * 60_000 });
    // The stored access token is one the network no longer knows.
    await systemDb().socialAccount.update({ where: { id: account.id }, data: { accessTokenEnc: encryptSecret("at_forgotten") } });

    const outcome = await publishTarget(inputs[0]!);

    expect(outcome).toMatchObject({ state: "ACKNOWLEDGED" });
    expect(fake.refreshCalls).toHaveLength(1);
    expect(fake.publishCalls).toHaveLength(2);
    expect(fake.postsFor(account.externalId)).toHaveLength(1);
    expect((await stored(account.id)).status).toBe("CONNECTED");
  });

  it("a refresh the network refuses fails the post with its reason and asks for a reconnect", async () => {
    const { fake, organizationId, account, inputs } = await setup({ connectedAgoMs: TWO_HOURS + 60_000 });
    // Someone spent the stored refresh token elsewhere: the network revokes the connection on reuse.
    const original = decryptSecret((await stored(account.id)).refreshTokenEnc ?? "");
    await fake.refreshToken(original);

    const outcome = await publishTarget(inputs[0]!);

    expect(outcome).toMatchObject({ state: "FAILED", errorCode: "ACCOUNT_NOT_CONNECTED" });
    expect(outcome.error).toContain("refresh token was already used");
    expect(fake.publishCalls).toHaveLength(0);
    expect(await stored(account.id)).toMatchObject({ status: "NEEDS_RECONNECT" });
    expect(await targetOf(inputs[0]!.targetId)).toMatchObject({ status: "FAILED" });
    expect((await alertsOf(organizationId)).map((a) => a.kind).sort()).toEqual(["ACCOUNT_RECONNECT", "PUBLISH_FAILED"]);
  });
});

describe("refreshes of one account take turns", () => {
  it("posts due at once on one account with an expired token: one refresh, the rotated token stored before anyone uses it again, every post out", async () => {
    const { fake, account, inputs } = await setup({ connectedAgoMs: TWO_HOURS + 60_000, posts: 4, refreshDelayMs: 150 });

    const outcomes = await Promise.all(inputs.map((input) => publishTarget(input)));

    expect(fake.reusedRefreshTokens).toEqual([]);
    expect(fake.refreshCalls).toHaveLength(1);
    for (const outcome of outcomes) expect(outcome).toMatchObject({ state: "ACKNOWLEDGED" });
    expect(fake.postsFor(account.externalId)).toHaveLength(4);
    expect((await stored(account.id)).status).toBe("CONNECTED");
  });

  it("the daily renewal racing a publish takes its turn and presents the rotated token, never the spent one", async () => {
    const { fake, account, inputs } = await setup({ connectedAgoMs: TWO_HOURS + 60_000, refreshDelayMs: 150 });

    const [published, renewal] = await Promise.all([
      publishTarget(inputs[0]!),
      refreshAccountToken({ organizationId: account.organizationId, socialAccountId: account.id, now: inputs[0]!.now }),
    ]);

    expect(published).toMatchObject({ state: "ACKNOWLEDGED" });
    expect(renewal.status).toBe("refreshed");
    expect(fake.reusedRefreshTokens).toEqual([]);
    expect(new Set(fake.refreshCalls).size).toBe(fake.refreshCalls.length);
    expect((await stored(account.id)).status).toBe("CONNECTED");
  });

  it("a 401 seen by two workers at once renews once: the second uses the token the first stored", async () => {
    const { fake, account, inputs } = await setup({ connectedAgoMs: 10 * 60_000, refreshDelayMs: 150 });
    const rejected = (await stored(account.id)).accessTokenEnc;

    const [a, b] = await Promise.all([
      ensureFreshToken({ organizationId: account.organizationId, socialAccountId: account.id, now: inputs[0]!.now, rejectedAccessTokenEnc: rejected }),
      ensureFreshToken({ organizationId: account.organizationId, socialAccountId: account.id, now: inputs[0]!.now, rejectedAccessTokenEnc: rejected }),
    ]);

    expect([a.status, b.status].sort()).toEqual(["fresh", "refreshed"]);
    expect(fake.refreshCalls).toHaveLength(1);
    expect(fake.reusedRefreshTokens).toEqual([]);
    // The next renewal presents the rotated token, which the network accepts.
    expect(await ensureFreshToken({ organizationId: account.organizationId, socialAccountId: account.id, now: inputs[0]!.now, rejectedAccessTokenEnc: (await stored(account.id)).accessTokenEnc })).toEqual({ status: "refreshed" });
    expect(fake.reusedRefreshTokens).toEqual([]);
  });
});
