import "./helpers/env";
import { randomUUID } from "node:crypto";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, describe, expect, it } from "vitest";
import { createSandboxAdapter, encodeSandboxCode, sandboxExternalId, sandboxPostsFor, type SandboxOptions } from "../src/sandbox";
import { isNetworkError, type AccountAuth, type NetworkAdapter, type PublishRequest } from "../src/types";

/**
 * The Sandbox switched to behave like the networks that lie (X): no idempotency key, a timeline
 * that shows new posts late, duplicate text refused, connections that drop before or after the
 * write. The publish pipeline's own tests drive it; these pin the Sandbox's side of the contract.
 */
const APP = "http://app.test:3000";
const handles: string[] = [];

afterAll(async () => {
  await systemDb().sandboxPost.deleteMany({ where: { accountExternalId: { in: handles.map(sandboxExternalId) } } });
  await disconnectAll();
});

function clock(start = new Date("2030-03-01T10:00:00Z")) {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

async function connect(adapter: NetworkAdapter): Promise<AccountAuth> {
  const handle = `liar_${randomUUID().slice(0, 8)}`;
  handles.push(handle);
  const { profiles, tokens } = await adapter.exchangeCode({ code: encodeSandboxCode({ name: "Liar Bakery", handle }), codeVerifier: "v", redirectUri: "r" });
  const [profile] = profiles;
  if (!profile) throw new Error("no profile");
  return { accessToken: tokens.accessToken, externalId: profile.externalId, metadata: profile.metadata ?? {} };
}

const request = (overrides: Partial<PublishRequest> = {}): PublishRequest => ({ text: `Daily special ${randomUUID().slice(0, 6)}`, media: [], idempotencyKey: randomUUID(), ...overrides });

function lying(time: ReturnType<typeof clock>, faults: NonNullable<SandboxOptions["faults"]>) {
  return createSandboxAdapter({ appUrl: APP, now: time.now, faults: { idempotency: false, ...faults } });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isNetworkError(error)) return { code: error.code, status: error.status, retryable: error.retryable, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("Sandbox with faults", () => {
  it("documents its lag and, without idempotency, a resend makes a second post", async () => {
    const time = clock();
    const adapter = lying(time, { lookupLagMs: 60_000 });
    const auth = await connect(adapter);
    const req = request();

    expect(adapter.lookupLagMs).toBe(60_000);
    expect(adapter.supportsIdempotency).toBe(false);
    expect(createSandboxAdapter({ appUrl: APP }).lookupLagMs).toBe(0);
    await adapter.publish(auth, req);
    await adapter.publish(auth, req);

    const posts = await sandboxPostsFor(auth.externalId);
    expect(posts).toHaveLength(2);
    expect(posts.every((p) => p.idempotencyKey === null)).toBe(true);
  });

  it("a timeline lookup shows the post only once the lag has passed, and never says 'absent'", async () => {
    const time = clock();
    const adapter = lying(time, { lookupLagMs: 60_000 });
    const auth = await connect(adapter);
    const req = request();
    const sentAt = time.now();
    const made = await adapter.publish(auth, req);

    time.advance(30_000);
    expect(await adapter.findPublished(auth, req, { createdAfter: sentAt })).toEqual({ kind: "not-visible" });
    expect(await adapter.findPublished(auth, request(), { createdAfter: sentAt })).toEqual({ kind: "not-visible" });
    time.advance(30_000);
    expect(await adapter.findPublished(auth, req, { createdAfter: sentAt })).toEqual({ kind: "found", result: made });
  });

  it("a lookup never matches an older post with the same text (a recurring series) nor a different payload", async () => {
    const time = clock();
    const adapter = lying(time, {});
    const auth = await connect(adapter);
    const weekly = request({ text: "Open house every Monday", firstComment: "See you there" });
    await adapter.publish(auth, weekly);
    time.advance(7 * 86_400_000);
    const nextSentAt = time.now();

    // This week's attempt never reached the Sandbox: last week's identical post is not it.
    expect(await adapter.findPublished(auth, { ...weekly, idempotencyKey: randomUUID() }, { createdAfter: nextSentAt })).toEqual({ kind: "not-visible" });

    await adapter.publish(auth, { ...weekly, firstComment: "Another comment", idempotencyKey: randomUUID() });
    const image = { url: `${APP}/api/media/a.png`, mimeType: "image/png", kind: "IMAGE" as const, sizeBytes: 10 };
    await adapter.publish(auth, { ...weekly, media: [image], idempotencyKey: randomUUID() });
    expect(await adapter.findPublished(auth, weekly, { createdAfter: nextSentAt })).toEqual({ kind: "not-visible" });

    const exact = await adapter.publish(auth, { ...weekly, idempotencyKey: randomUUID() });
    expect(await adapter.findPublished(auth, weekly, { createdAfter: nextSentAt })).toEqual({ kind: "found", result: exact });
  });

  it("drops the connection before writing (nothing made) or after writing (the post exists), with no status either way", async () => {
    const time = clock();
    const script: ("before" | "after" | null)[] = ["before", "after", null];
    const adapter = lying(time, { drop: () => script.shift() ?? null });
    const auth = await connect(adapter);

    const before = await failure(adapter.publish(auth, request({ text: "first" })));
    expect(before).toMatchObject({ code: "TRANSIENT", status: undefined, retryable: true });
    expect(await sandboxPostsFor(auth.externalId)).toHaveLength(0);

    const after = await failure(adapter.publish(auth, request({ text: "second" })));
    expect(after).toMatchObject({ code: "TRANSIENT", status: undefined });
    expect((await sandboxPostsFor(auth.externalId)).map((p) => p.text)).toEqual(["second"]);
  });

  it("drops at the configured rate, half before and half after the write", async () => {
    const draws = [0.1, 0.3, 0.9];
    const adapter = createSandboxAdapter({ appUrl: APP, faults: { idempotency: false, dropRate: 0.4 }, random: () => draws.shift() ?? 0.9 });
    const auth = await connect(createSandboxAdapter({ appUrl: APP }));

    expect((await failure(adapter.publish(auth, request({ text: "a" })))).code).toBe("TRANSIENT");
    expect((await failure(adapter.publish(auth, request({ text: "b" })))).code).toBe("TRANSIENT");
    await adapter.publish(auth, request({ text: "c" }));

    expect((await sandboxPostsFor(auth.externalId)).map((p) => p.text)).toEqual(["b", "c"]);
  });

  it("refuses duplicate text within its window (DUPLICATE_CONTENT, a definitive 403), and accepts it again after", async () => {
    const time = clock();
    const adapter = lying(time, { refuseDuplicates: true, duplicateWindowMs: 3_600_000 });
    const auth = await connect(adapter);
    const req = request();
    await adapter.publish(auth, req);

    const refusal = await failure(adapter.publish(auth, { ...req, idempotencyKey: randomUUID() }));
    expect(refusal).toMatchObject({ code: "DUPLICATE_CONTENT", status: 403, retryable: false });
    expect(refusal.message).toMatch(/duplicate/);

    time.advance(3_600_001);
    await adapter.publish(auth, { ...req, idempotencyKey: randomUUID() });
    expect(await sandboxPostsFor(auth.externalId)).toHaveLength(2);
  });

  it("with its idempotency key a resend returns the post instead of refusing it as a duplicate; lookups by key are certain", async () => {
    const time = clock();
    const adapter = createSandboxAdapter({ appUrl: APP, now: time.now, faults: { refuseDuplicates: true, lookupLagMs: 60_000, drop: () => "after" } });
    const auth = await connect(adapter);
    const req = request();

    expect((await failure(adapter.publish(auth, req))).code).toBe("TRANSIENT");
    // By key, the post is found at once (the lag is the timeline's, not the post's).
    const found = await adapter.findPublished(auth, req, { createdAfter: time.now() });
    expect(found.kind).toBe("found");
    expect(await adapter.findPublished(auth, request(), { createdAfter: time.now() })).toEqual({ kind: "absent" });
    expect(await sandboxPostsFor(auth.externalId)).toHaveLength(1);
  });

  it("issues short-lived access tokens when configured, and refuses them once expired", async () => {
    const time = clock();
    const adapter = createSandboxAdapter({ appUrl: APP, now: time.now, accessTokenTtlMs: 2 * 3_600_000 });
    const auth = await connect(adapter);
    time.advance(2 * 3_600_000);

    expect(await failure(adapter.publish(auth, request()))).toMatchObject({ code: "AUTH_EXPIRED", status: 401 });
  });
});
