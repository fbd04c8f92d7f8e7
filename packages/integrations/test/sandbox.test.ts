import "./helpers/env";
import { randomUUID } from "node:crypto";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, describe, expect, it } from "vitest";
import { createPkcePair } from "../src/oauth/pkce";
import { createSandboxAdapter, encodeSandboxCode, sandboxExternalId, sandboxPostsFor } from "../src/sandbox";
import { isNetworkError, type AccountAuth, type NetworkAdapter, type NetworkErrorCode, type PublishRequest } from "../src/types";

const APP = "http://app.test:3000";
const DAY = 86_400_000;
const handles: string[] = [];

afterAll(async () => {
  await systemDb().sandboxPost.deleteMany({ where: { accountExternalId: { in: handles.map(sandboxExternalId) } } });
  await disconnectAll();
});

function clock(start = new Date("2030-03-01T10:00:00Z")) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

async function connect(adapter: NetworkAdapter, name = "Test Bakery"): Promise<{ auth: AccountAuth; refreshToken: string; handle: string }> {
  const handle = `bakery_${randomUUID().slice(0, 8)}`;
  handles.push(handle);
  const { verifier } = createPkcePair();
  const { tokens, profiles } = await adapter.exchangeCode({ code: encodeSandboxCode({ name, handle }), codeVerifier: verifier, redirectUri: `${APP}/cb` });
  const [profile] = profiles;
  if (!profile || !tokens.refreshToken) throw new Error("no profile");
  return { auth: { accessToken: tokens.accessToken, externalId: profile.externalId, metadata: profile.metadata ?? {} }, refreshToken: tokens.refreshToken, handle };
}

const request = (overrides: Partial<PublishRequest> = {}): PublishRequest => ({ text: "Fresh bread today", media: [], idempotencyKey: randomUUID(), ...overrides });

async function errorCode(promise: Promise<unknown>): Promise<NetworkErrorCode | "no error"> {
  try {
    await promise;
    return "no error";
  } catch (error) {
    if (isNetworkError(error)) return error.code;
    throw error;
  }
}

describe("Sandbox connect", () => {
  it("sends the user to the app's consent page with state, redirect URI and PKCE challenge", () => {
    const url = new URL(createSandboxAdapter({ appUrl: `${APP}/` }).authorizationUrl({ state: "st@te", codeChallenge: "chal", redirectUri: `${APP}/api/integrations/sandbox/callback` }));
    expect(`${url.origin}${url.pathname}`).toBe(`${APP}/sandbox/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ state: "st@te", redirect_uri: `${APP}/api/integrations/sandbox/callback`, code_challenge: "chal" });
  });

  it("exchanges a consent code for one profile with a stable id and 60-day tokens, and refreshes them", async () => {
    const time = clock();
    const adapter = createSandboxAdapter({ appUrl: APP, now: time.now });
    const handle = `Shop_${randomUUID().slice(0, 6)}`;
    const exchange = () => adapter.exchangeCode({ code: encodeSandboxCode({ name: "The Shop", handle: `@${handle}` }), codeVerifier: "v", redirectUri: "r" });

    const first = await exchange();
    const again = await exchange();
    expect(first.profiles).toEqual([{ externalId: sandboxExternalId(handle), name: "The Shop", handle: `@${handle}`, avatarUrl: null, metadata: { handle } }]);
    expect(again.profiles[0]?.externalId).toBe(first.profiles[0]?.externalId);
    expect(sandboxExternalId(handle.toUpperCase())).toBe(sandboxExternalId(handle));
    expect(first.tokens.expiresAt).toEqual(new Date(time.now().getTime() + 60 * DAY));
    expect(first.tokens.refreshToken).toEqual(expect.any(String));
    expect(first.tokens.accessToken).not.toBe(again.tokens.accessToken);

    time.advance(59 * DAY);
    const refreshed = await adapter.refreshToken(first.tokens.refreshToken ?? "");
    expect(refreshed.expiresAt).toEqual(new Date(time.now().getTime() + 60 * DAY));
    expect(refreshed.refreshToken).toEqual(expect.any(String));
    expect(await errorCode(adapter.refreshToken("garbage"))).toBe("AUTH_EXPIRED");
  });

  it("rejects malformed codes and, when the code carries a PKCE challenge, a wrong verifier", async () => {
    const adapter = createSandboxAdapter({ appUrl: APP });
    for (const code of ["abc", "sbx.", "sbx.not-json", encodeSandboxCode({ name: "", handle: "ok" }), encodeSandboxCode({ name: "A", handle: "bad handle!" })]) {
      await expect(adapter.exchangeCode({ code, codeVerifier: "v", redirectUri: "r" })).rejects.toThrow(/invalid_grant/);
    }
    const { verifier, challenge } = createPkcePair();
    const code = encodeSandboxCode({ name: "A", handle: "pkce_user", codeChallenge: challenge });
    await expect(adapter.exchangeCode({ code, codeVerifier: "wrong", redirectUri: "r" })).rejects.toThrow(/PKCE/);
    expect((await adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri: "r" })).profiles).toHaveLength(1);
  });
});

describe("Sandbox publishing", () => {
  it("publishes once per idempotency key, even when retried concurrently", async () => {
    const adapter = createSandboxAdapter({ appUrl: APP });
    const { auth } = await connect(adapter);
    const req = request({
      firstComment: "Order via the link",
      media: [{ url: `${APP}/api/media/x.png`, mimeType: "image/png", kind: "IMAGE", sizeBytes: 1234, width: 10, height: 10 }],
    });

    const results = await Promise.all(Array.from({ length: 5 }, () => adapter.publish(auth, req)));
    const again = await adapter.publish(auth, req);

    const [first] = results;
    expect(first?.externalId).toMatch(/^sbx_[0-9a-f]{32}$/);
    expect(first?.url).toBe(`${APP}/sandbox/posts/${first?.externalId}`);
    expect(first?.firstCommentId).toBe(`${first?.externalId}_first`);
    for (const result of [...results, again]) expect(result).toEqual(first);
    const posts = await sandboxPostsFor(auth.externalId);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ externalId: first?.externalId, text: "Fresh bread today", firstComment: "Order via the link", idempotencyKey: req.idempotencyKey, deletedAt: null });
    expect(posts[0]?.media).toEqual([expect.objectContaining({ mimeType: "image/png", sizeBytes: 1234 })]);
    const since = { createdAfter: new Date(Date.now() - 60_000) };
    expect(await adapter.findPublished(auth, req, since)).toEqual({ kind: "found", result: first });
    expect(await adapter.findPublished(auth, request(), since)).toEqual({ kind: "absent" });

    const second = await adapter.publish(auth, request({ text: "Another one" }));
    expect(second.externalId).not.toBe(first?.externalId);
    expect(await sandboxPostsFor(auth.externalId)).toHaveLength(2);
  });

  it("fails transiently before storing anything, and waits like a network", async () => {
    const failing = createSandboxAdapter({ appUrl: APP, failureRate: 1 });
    const { auth } = await connect(createSandboxAdapter({ appUrl: APP }));

    let caught: unknown;
    try {
      await failing.publish(auth, request());
    } catch (error) {
      caught = error;
    }
    expect(isNetworkError(caught) && caught.code === "TRANSIENT" && caught.retryable && caught.status === 503).toBe(true);
    expect(await sandboxPostsFor(auth.externalId)).toHaveLength(0);

    const slow = createSandboxAdapter({ appUrl: APP, latency: { minMs: 60, maxMs: 60 } });
    const started = performance.now();
    await slow.publish(auth, request());
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(await sandboxPostsFor(auth.externalId)).toHaveLength(1);
  });

  it("fails some calls at the configured rate", async () => {
    let n = 0;
    // Deterministic "randomness": every fourth draw is below the 25 % failure rate.
    const adapter = createSandboxAdapter({ appUrl: APP, failureRate: 0.25, random: () => (n++ % 4 === 0 ? 0.1 : 0.9) });
    const { auth } = await connect(createSandboxAdapter({ appUrl: APP }));
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => errorCode(adapter.fetchAccountMetrics(auth))));
    expect(outcomes.filter((o) => o === "TRANSIENT")).toHaveLength(2);
    expect(outcomes.filter((o) => o === "no error")).toHaveLength(6);
  });

  it("refuses expired, foreign and malformed tokens, and content over its limits", async () => {
    const time = clock();
    const adapter = createSandboxAdapter({ appUrl: APP, now: time.now });
    const { auth } = await connect(adapter);
    const other = await connect(adapter, "Other");

    expect(await errorCode(adapter.publish({ ...auth, accessToken: "nope" }, request()))).toBe("AUTH_EXPIRED");
    expect(await errorCode(adapter.publish({ ...auth, accessToken: other.auth.accessToken }, request()))).toBe("AUTH_EXPIRED");
    expect(await errorCode(adapter.publish(auth, request({ text: "x".repeat(5_001) })))).toBe("INVALID_CONTENT");
    expect(await errorCode(adapter.publish(auth, request({ text: "" })))).toBe("INVALID_CONTENT");
    time.advance(61 * DAY);
    await expect(adapter.publish(auth, request())).rejects.toThrow(/expired/);
    expect(await sandboxPostsFor(auth.externalId)).toHaveLength(0);
  });

  it("fetches and deletes posts; other accounts' posts do not exist for it", async () => {
    const adapter = createSandboxAdapter({ appUrl: APP });
    const { auth } = await connect(adapter);
    const other = await connect(adapter);
    const { externalId } = await adapter.publish(auth, request());

    expect(await adapter.fetchPost(auth, externalId)).toEqual({ live: true, url: `${APP}/sandbox/posts/${externalId}` });
    expect(await errorCode(adapter.fetchPost(other.auth, externalId))).toBe("NOT_FOUND");
    expect(await errorCode(adapter.fetchPost(auth, "sbx_00000000000000000000000000000000"))).toBe("NOT_FOUND");
    expect(await errorCode(adapter.deletePost(other.auth, externalId))).toBe("NOT_FOUND");

    await adapter.deletePost(auth, externalId);
    await adapter.deletePost(auth, externalId);
    expect(await adapter.fetchPost(auth, externalId)).toMatchObject({ live: false });
    expect(await errorCode(adapter.fetchMetrics(auth, externalId))).toBe("NOT_FOUND");
    expect((await sandboxPostsFor(auth.externalId))[0]?.deletedAt).toBeInstanceOf(Date);
  });
});

describe("Sandbox engagement", () => {
  it("grows deterministically and never goes down", async () => {
    const time = clock();
    const adapter = createSandboxAdapter({ appUrl: APP, now: time.now });
    const { auth } = await connect(adapter);
    const { externalId } = await adapter.publish(auth, request({ firstComment: "Link in bio" }));

    const atPublish = await adapter.fetchMetrics(auth, externalId);
    expect(atPublish).toEqual({ impressions: 0, reach: 0, likes: 0, comments: 0, shares: 0, clicks: 0 });
    let previous = atPublish;
    for (const step of [5 * 60_000, 55 * 60_000, 3 * 3_600_000, 20 * 3_600_000, 6 * DAY, 30 * DAY]) {
      time.advance(step);
      const metrics = await adapter.fetchMetrics(auth, externalId);
      expect(await adapter.fetchMetrics(auth, externalId)).toEqual(metrics);
      for (const key of Object.keys(metrics) as (keyof typeof metrics)[]) expect(metrics[key]).toBeGreaterThanOrEqual(previous[key]);
      previous = metrics;
    }
    expect(previous.impressions).toBeGreaterThan(300);
    expect(previous.likes).toBeGreaterThan(0);
    expect(previous.reach).toBeLessThanOrEqual(previous.impressions);

    const comments = await adapter.fetchComments(auth, externalId);
    expect(comments[0]).toMatchObject({ id: `${externalId}_first`, text: "Link in bio" });
    expect(comments.length - 1).toBe(Math.min(previous.comments, 25));
    expect(await adapter.fetchComments(auth, externalId)).toEqual(comments);
    for (const c of comments) expect(c.createdAt.getTime()).toBeLessThanOrEqual(time.now().getTime());

    const account = await adapter.fetchAccountMetrics(auth);
    expect(account.impressions).toBe(previous.impressions);
    expect(account.engagements).toBe(previous.likes + previous.comments + previous.shares + previous.clicks);
    time.advance(DAY);
    const later = await adapter.fetchAccountMetrics(auth);
    expect(later.followers).toBeGreaterThanOrEqual(account.followers);
    expect(later.impressions).toBeGreaterThanOrEqual(account.impressions);
  });
});
