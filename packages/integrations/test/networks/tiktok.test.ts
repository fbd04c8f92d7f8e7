import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTikTokAdapter, TIKTOK_RULES } from "../../src/networks";
import { postIdsFrom, tiktokChunkPlan, type TikTokAdapterConfig } from "../../src/networks/tiktok";
import type { AccountAuth, NetworkAdapter, PublishMedia, PublishRequest } from "../../src/types";
import { FakeTikTokServer, TIKTOK_APP, TIKTOK_OPEN_ID, TIKTOK_POST_ID, tiktokError } from "../fakes/tiktok-server";
import { expectNetworkError, image, request, video } from "./support";

const MB = 1024 * 1024;

/** A TikTok target's request as the pipeline sends it: with the user's privacy choice. */
function tiktok(text: string, media: PublishMedia[], privacyLevel = "PUBLIC_TO_EVERYONE"): PublishRequest {
  return { ...request(text, media), tiktok: { privacyLevel } } as PublishRequest;
}

describe("TikTok adapter against a fake Content Posting API", () => {
  const fake = new FakeTikTokServer();
  let adapter: NetworkAdapter;
  let account: AccountAuth;

  const configFor = (extra: Partial<TikTokAdapterConfig> = {}): TikTokAdapterConfig => ({
    clientId: TIKTOK_APP.key,
    clientSecret: TIKTOK_APP.secret,
    apiBaseUrl: fake.baseUrl,
    authBaseUrl: "https://www.tiktok.com",
    timeoutMs: 5000,
    pollIntervalMs: 5,
    maxPollAttempts: 5,
    ...extra,
  });

  /** A video the adapter downloads from the fake's media host (bytes = its size). */
  const clip = (name: string, sizeBytes: number, extra: Partial<PublishMedia> = {}) => video(fake.mediaUrl(name, Buffer.alloc(sizeBytes, 5), "video/mp4"), { sizeBytes, ...extra });

  beforeAll(async () => {
    await fake.start();
    adapter = createTikTokAdapter(configFor());
    const { tokens } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
    account = { accessToken: tokens.accessToken, externalId: TIKTOK_OPEN_ID, metadata: {} };
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.grantToken(account.accessToken);
    fake.videos.clear();
    fake.processingPolls = 1;
    fake.moderationMs = 0;
    fake.audited = true;
    fake.accountPrivate = false;
    fake.privacyOptions = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];
  });

  it("builds the Login Kit authorization URL with client_key, comma-separated scopes and state", () => {
    const url = new URL(adapter.authorizationUrl({ state: "st", codeChallenge: "c", redirectUri: "https://app.example/cb" }));
    expect(url.origin + url.pathname).toBe("https://www.tiktok.com/v2/auth/authorize/");
    expect(url.searchParams.get("client_key")).toBe(TIKTOK_APP.key);
    expect(url.searchParams.get("scope")).toBe("user.info.basic,user.info.profile,user.info.stats,video.publish,video.list");
    expect(url.searchParams.get("state")).toBe("st");
  });

  it("exchanges the code and returns the creator; refused grants mean reconnect", async () => {
    const { tokens, profiles } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
    expect(tokens.scopes).toEqual(["user.info.basic", "video.publish", "video.list"]);
    expect(tokens.refreshTokenExpiresAt).toBeInstanceOf(Date);
    expect(profiles).toEqual([{ externalId: TIKTOK_OPEN_ID, name: "Corner Bakery", handle: "cornerbakery", avatarUrl: "https://p16.tiktokcdn.com/avatar.jpeg", metadata: {} }]);
    expect(fake.requestsTo("POST", /oauth\/token/)[0]?.body).toEqual(expect.objectContaining({ client_key: TIKTOK_APP.key, grant_type: "authorization_code" }));
    // TikTok answers these with HTTP 200 and an error body.
    await expectNetworkError(adapter.refreshToken("rft.revoked"), { code: "AUTH_EXPIRED", retryable: false, message: "Refresh token is invalid or expired." });
    await expectNetworkError(adapter.exchangeCode({ code: "old", codeVerifier: "", redirectUri: "https://app.example/cb" }), { code: "AUTH_EXPIRED", message: "Authorization code is expired." });
  });

  it("access tokens last 2 hours; refresh tokens rotate and the old one stops working", async () => {
    const { tokens } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
    expect(tokens.expiresAt?.getTime()).toBeLessThanOrEqual(Date.now() + 7_200_000);
    expect(tokens.refreshTokenExpiresAt?.getTime()).toBeLessThanOrEqual(Date.now() + 180 * 86_400_000);
    fake.advance(2 * 3600_000 + 1000);
    await expectNetworkError(adapter.fetchAccountMetrics({ ...account, accessToken: tokens.accessToken }), { code: "AUTH_EXPIRED", status: 401 });
    const renewed = await adapter.refreshToken(tokens.refreshToken ?? "");
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect(renewed.refreshToken).toMatch(/^rft\./);
    await expect(adapter.fetchAccountMetrics({ ...account, accessToken: renewed.accessToken })).resolves.toMatchObject({ followers: 5600 });
    // Used twice (two refreshes racing), the old refresh token kills the connection.
    await expectNetworkError(adapter.refreshToken(tokens.refreshToken ?? ""), { code: "AUTH_EXPIRED", retryable: false });
  });

  describe("privacy is the user's explicit choice", () => {
    it("refuses to publish without one (TikTok forbids a default), before asking TikTok anything", async () => {
      await expectNetworkError(adapter.publish(account, request("No choice", [clip("n.mp4", 1000)])), { code: "INVALID_CONTENT", retryable: false, message: /Choose who can see this TikTok post/ });
      expect(fake.requests).toHaveLength(0);
    });

    it("sends the chosen level when the creator allows it, and refuses one the creator does not offer", async () => {
      fake.privacyOptions = ["FOLLOWER_OF_CREATOR", "SELF_ONLY"];
      await adapter.publish(account, tiktok("Followers only", [image("https://media.bakery.example/1.jpg")], "FOLLOWER_OF_CREATOR"));
      expect((fake.requestsTo("POST", /content\/init/)[0]?.body.post_info as { privacy_level?: string }).privacy_level).toBe("FOLLOWER_OF_CREATOR");
      await expectNetworkError(adapter.publish(account, tiktok("Public?", [image("https://media.bakery.example/2.jpg")], "PUBLIC_TO_EVERYONE")), {
        code: "INVALID_CONTENT",
        message: 'TikTok does not offer "PUBLIC_TO_EVERYONE" for this account now; it allows FOLLOWER_OF_CREATOR, SELF_ONLY. Edit the post and choose again.',
      });
      expect(fake.requestsTo("POST", /init/)).toHaveLength(1);
    });

    it("an unaudited app may post only SELF_ONLY to a private account: otherwise TikTok's own reason is shown", async () => {
      fake.audited = false;
      await expectNetworkError(adapter.publish(account, tiktok("Public, unaudited", [clip("u.mp4", 1000)])), {
        code: "INVALID_CONTENT",
        retryable: false,
        status: 403,
        message: "Unaudited clients can only post to private accounts, with the SELF_ONLY privacy level.",
      });
      await expectNetworkError(adapter.publish(account, tiktok("Private level, public account", [clip("u2.mp4", 1000)], "SELF_ONLY")), { code: "INVALID_CONTENT", status: 403 });
      fake.accountPrivate = true;
      // Never silently downgraded: SELF_ONLY goes out only when the user chose it.
      const result = await adapter.publish(account, tiktok("Just me", [clip("u3.mp4", 1000)], "SELF_ONLY"));
      expect(result.externalId).toMatch(/^v_pub_file~/);
      expect(fake.requestsTo("POST", /video\/init/).map((r) => (r.body.post_info as { privacy_level?: string }).privacy_level)).toEqual(["PUBLIC_TO_EVERYONE", "SELF_ONLY", "SELF_ONLY"]);
    });
  });

  describe("video by chunked FILE_UPLOAD", () => {
    it("cuts videos by TikTok's rules", () => {
      expect(tiktokChunkPlan(3 * MB)).toEqual({ chunkSize: 3 * MB, count: 1 });
      expect(tiktokChunkPlan(10 * MB)).toEqual({ chunkSize: 10 * MB, count: 1 });
      expect(tiktokChunkPlan(25 * MB)).toEqual({ chunkSize: 10 * MB, count: 2 });
      expect(tiktokChunkPlan(4096 * MB)).toEqual({ chunkSize: 10 * MB, count: 409 });
      // Out-of-range preferences are brought into TikTok's 5–64 MB.
      expect(tiktokChunkPlan(200 * MB, 100 * MB)).toEqual({ chunkSize: 64 * MB, count: 3 });
    });

    it("uploads a small video whole, waits for PUBLISH_COMPLETE and keeps the int64 post id exact", async () => {
      const result = await adapter.publish(account, tiktok("Shaping loaves #bread", [clip("v.mp4", 300_000)]));
      expect(result).toEqual({ externalId: TIKTOK_POST_ID, url: null });
      const init = fake.requestsTo("POST", /video\/init/)[0];
      expect(init?.body).toEqual({
        post_info: { title: "Shaping loaves #bread", privacy_level: "PUBLIC_TO_EVERYONE", disable_comment: false, disable_duet: true, disable_stitch: false },
        source_info: { source: "FILE_UPLOAD", video_size: 300_000, chunk_size: 300_000, total_chunk_count: 1 },
      });
      const puts = fake.requestsTo("PUT", /^\/upload\//);
      expect(puts.map((r) => [r.headers["content-range"], r.headers["content-type"], r.headers.authorization])).toEqual([["bytes 0-299999/300000", "video/mp4", undefined]]);
      expect(fake.requestsTo("POST", /creator_info/)).toHaveLength(1);
      expect(await adapter.fetchPost(account, result.externalId)).toEqual({ live: true, url: `https://www.tiktok.com/@cornerbakery/video/${TIKTOK_POST_ID}` });
    });

    it("uploads a 25 MB video in two chunks in order, the last carrying the remainder", async () => {
      await adapter.publish(account, tiktok("Long bake", [clip("long.mp4", 25 * MB)]));
      const init = fake.requestsTo("POST", /video\/init/)[0];
      expect(init?.body.source_info).toEqual({ source: "FILE_UPLOAD", video_size: 25 * MB, chunk_size: 10 * MB, total_chunk_count: 2 });
      expect(fake.requestsTo("PUT", /^\/upload\//).map((r) => [r.headers["content-range"], r.raw.length])).toEqual([
        [`bytes 0-${10 * MB - 1}/${25 * MB}`, 10 * MB],
        [`bytes ${10 * MB}-${25 * MB - 1}/${25 * MB}`, 15 * MB],
      ]);
    });

    it("refuses a file that is not the size recorded for it", async () => {
      const wrong = video(fake.mediaUrl("short.mp4", Buffer.alloc(900, 1), "video/mp4"), { sizeBytes: 1000 });
      await expectNetworkError(adapter.publish(account, tiktok("Truncated", [wrong])), { code: "INVALID_CONTENT", message: "The video file is not the 1000 bytes recorded for it; upload it again." });
    });

    it("refuses a video longer than the creator may post", async () => {
      fake.maxVideoSeconds = 60;
      try {
        await expectNetworkError(adapter.publish(account, tiktok("Too long", [clip("tl.mp4", 1000, { durationSeconds: 90 })])), { code: "INVALID_CONTENT", message: "This account may post videos of up to 60 s on TikTok; this one is 90 s." });
      } finally {
        fake.maxVideoSeconds = 600;
      }
    });
  });

  describe("photos from a verified URL prefix", () => {
    it("publishes photos as a DIRECT_POST photo post pulled from verified URLs", async () => {
      await adapter.publish(account, tiktok("Our pastries", [image("https://media.bakery.example/1.jpg"), image("https://media.bakery.example/2.jpg")], "SELF_ONLY"));
      const init = fake.requestsTo("POST", /content\/init/)[0];
      expect(init?.body).toEqual({
        post_info: { description: "Our pastries", privacy_level: "SELF_ONLY", disable_comment: false, auto_add_music: true },
        source_info: { source: "PULL_FROM_URL", photo_cover_index: 0, photo_images: ["https://media.bakery.example/1.jpg", "https://media.bakery.example/2.jpg"] },
        post_mode: "DIRECT_POST",
        media_type: "PHOTO",
      });
    });

    it("serves photos stored elsewhere through the app's own media route, and refuses what no verified prefix covers", async () => {
      const proxied = createTikTokAdapter(
        configFor({
          verifiedUrlPrefixes: ["https://media.bakery.example/"],
          verifiedMediaUrl: (url) => (url.startsWith("https://media.bakery.example/") ? url : `https://media.bakery.example/api/media/verified/${encodeURIComponent(url)}`),
        }),
      );
      await proxied.publish(account, tiktok("From the CDN", [image("https://abc123.ufs.sh/f/key1")]));
      expect((fake.requestsTo("POST", /content\/init/)[0]?.body.source_info as { photo_images?: string[] }).photo_images).toEqual([`https://media.bakery.example/api/media/verified/${encodeURIComponent("https://abc123.ufs.sh/f/key1")}`]);

      const unmapped = createTikTokAdapter(configFor({ verifiedUrlPrefixes: ["https://media.bakery.example/"] }));
      fake.reset();
      await expectNetworkError(unmapped.publish(account, tiktok("Elsewhere", [image("https://cdn.other.example/a.jpg")])), { code: "INVALID_CONTENT", message: /verified for this app \(https:\/\/media\.bakery\.example\/\)/ });
      expect(fake.requests).toHaveLength(0);
    });

    it("the fake refuses an unverified prefix as TikTok does", async () => {
      await expectNetworkError(adapter.publish(account, tiktok("x", [image("https://unverified.example/a.jpg")])), { code: "INVALID_CONTENT", retryable: false, status: 403, message: "Please review our URL ownership verification rules." });
    });
  });

  it("returns the publish id when TikTok is still processing, and resolves it later", async () => {
    fake.processingPolls = 100;
    const result = await adapter.publish(account, tiktok("Slow one", [clip("slow.mp4", 2000)]));
    expect(result.externalId).toMatch(/^v_pub_file~/);
    expect(await adapter.fetchPost(account, result.externalId)).toEqual({ live: false });
    fake.processingPolls = 0;
    expect(await adapter.fetchPost(account, result.externalId)).toEqual({ live: true, url: expect.stringContaining(TIKTOK_POST_ID) });
  });

  it("reads metrics and account metrics, and says what TikTok cannot do", async () => {
    const { externalId } = await adapter.publish(account, tiktok("Metrics please", [clip("m.mp4", 2000)]));
    const stored = fake.videos.get(TIKTOK_POST_ID);
    if (stored) Object.assign(stored, { views: 12_000, likes: 900, comments: 40, shares: 25 });
    expect(await adapter.fetchMetrics(account, externalId)).toEqual({ impressions: 12_000, reach: 0, likes: 900, comments: 40, shares: 25, clicks: 0 });
    expect(await adapter.fetchAccountMetrics(account)).toEqual({ followers: 5600, impressions: 12_000, engagements: 965 });
    expect(await adapter.fetchComments(account, externalId)).toEqual([]);
    await expectNetworkError(adapter.deletePost(account, externalId), { code: "UNKNOWN", retryable: false, message: /delete it in the TikTok app/ });
  });

  describe("findPublished", () => {
    it("has no idempotency key and a 4-hour lag window (moderation)", () => {
      expect(adapter.supportsIdempotency).toBe(false);
      expect(adapter.lookupLagMs).toBe(4 * 3600_000);
    });

    it("a public post: not-visible during moderation, then found by its exact text", async () => {
      fake.moderationMs = 30 * 60_000;
      const createdAfter = new Date(fake.now() - 2000);
      const sent = tiktok("Moderated post", [clip("mod.mp4", 2000)]);
      const result = await adapter.publish(account, sent);
      expect(result.externalId).toMatch(/^v_pub_file~/);
      expect(await adapter.findPublished(account, sent, { createdAfter })).toEqual({ kind: "not-visible" });
      fake.advance(31 * 60_000);
      expect(await adapter.fetchPost(account, result.externalId)).toEqual({ live: true, url: expect.any(String) });
      expect(await adapter.findPublished(account, sent, { createdAfter })).toEqual({ kind: "found", result: { externalId: expect.stringMatching(/^\d+$/), url: expect.any(String) } });
      expect(await adapter.findPublished(account, { ...sent, text: "Moderated post!" } as PublishRequest, { createdAfter })).toEqual({ kind: "not-visible" });
    });

    it("never takes an older post with the same text for this attempt's", async () => {
      fake.addOlderVideo("Friday focaccia", 7 * 86_400_000);
      expect(await adapter.findPublished(account, tiktok("Friday focaccia", [clip("f.mp4", 10)]), { createdAfter: new Date(fake.now() - 5000) })).toEqual({ kind: "not-visible" });
    });

    it("a private post cannot be looked up: TikTok lists public posts only", async () => {
      expect(await adapter.findPublished(account, tiktok("Private", [clip("p.mp4", 10)], "SELF_ONLY"), { createdAfter: new Date() })).toEqual({ kind: "unsupported", reason: expect.stringMatching(/only public posts/) });
      expect(fake.requests).toHaveLength(0);
    });
  });

  it("validates TikTok's limits", () => {
    expect(TIKTOK_RULES.maxTextLength).toBe(2200);
    expect(adapter.validate({ text: "text only", media: [] })).toEqual([expect.objectContaining({ field: "media" })]);
    expect(adapter.validate({ text: "x".repeat(2201), media: [video("v.mp4")] })).toEqual([expect.objectContaining({ field: "text" })]);
    expect(adapter.validate({ text: "png", media: [image("a.png", { mimeType: "image/png" })] })).toHaveLength(1);
    expect(adapter.validate({ text: "long", media: [video("v.mp4", { durationSeconds: 601 })] })).toHaveLength(1);
    expect(adapter.validate({ text: "ok", media: Array.from({ length: 35 }, (_, i) => image(`${i}.jpg`)) })).toEqual([]);
  });

  it("reads int64 post ids from the raw body", () => {
    expect(postIdsFrom('{"data":{"publicaly_available_post_id":[7301234567890123457, 7301234567890123459]}}')).toEqual(["7301234567890123457", "7301234567890123459"]);
    expect(postIdsFrom('{"data":{"status":"PROCESSING_UPLOAD"}}')).toEqual([]);
  });

  describe("errors", () => {
    it("maps 401 access_token_invalid to AUTH_EXPIRED", async () => {
      await expectNetworkError(adapter.publish({ ...account, accessToken: "act.revoked" }, tiktok("x", [clip("a.mp4", 10)])), {
        code: "AUTH_EXPIRED",
        retryable: false,
        status: 401,
        message: "The access token is invalid or not found in the request.",
      });
    });

    it("maps 429 rate_limit_exceeded to RATE_LIMITED with Retry-After", async () => {
      fake.failNext(1, tiktokError(429, "rate_limit_exceeded", "API rate limit was exceeded, please try again later.", { "retry-after": "45" }), /video\/init/);
      await expectNetworkError(adapter.publish(account, tiktok("x", [clip("b.mp4", 10)])), { code: "RATE_LIMITED", retryable: true, retryAfterSeconds: 45, status: 429 });
    });

    it("maps the daily post cap (spam_risk_too_many_posts) to RATE_LIMITED", async () => {
      fake.failNext(1, tiktokError(403, "spam_risk_too_many_posts", "The daily post cap from the API is reached for the current user."), /video\/init/);
      await expectNetworkError(adapter.publish(account, tiktok("x", [clip("c.mp4", 10)])), { code: "RATE_LIMITED", retryAfterSeconds: 3600 });
    });

    it("maps 500 internal_error to TRANSIENT", async () => {
      fake.failNext(1, tiktokError(500, "internal_error", "Something went wrong. Please try again later."));
      await expectNetworkError(adapter.fetchAccountMetrics(account), { code: "TRANSIENT", retryable: true, status: 500 });
    });

    it("reports a publish that TikTok failed with its fail_reason", async () => {
      fake.nextFailReason = "file_format_check_failed";
      await expectNetworkError(adapter.publish(account, tiktok("bad file", [clip("bad.mp4", 10)])), { code: "INVALID_CONTENT", message: "file_format_check_failed" });
    });
  });
});
