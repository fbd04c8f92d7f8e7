import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTikTokAdapter, TIKTOK_RULES } from "../../src/networks";
import { postIdsFrom } from "../../src/networks/tiktok";
import type { AccountAuth, NetworkAdapter } from "../../src/types";
import { FakeTikTokServer, TIKTOK_APP, TIKTOK_OPEN_ID, TIKTOK_POST_ID, tiktokError } from "../fakes/tiktok-server";
import { expectNetworkError, image, request, video } from "./support";

describe("TikTok adapter against a fake Content Posting API", () => {
  const fake = new FakeTikTokServer();
  let adapter: NetworkAdapter;
  let account: AccountAuth;
  let refreshToken = "";

  beforeAll(async () => {
    await fake.start();
    adapter = createTikTokAdapter({ clientId: TIKTOK_APP.key, clientSecret: TIKTOK_APP.secret, apiBaseUrl: fake.baseUrl, authBaseUrl: "https://www.tiktok.com", timeoutMs: 2000, pollIntervalMs: 5, maxPollAttempts: 5 });
    const { tokens } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
    account = { accessToken: tokens.accessToken, externalId: TIKTOK_OPEN_ID, metadata: {} };
    refreshToken = tokens.refreshToken ?? "";
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.videos.clear();
    fake.processingPolls = 1;
    fake.publicId = true;
  });

  it("builds the Login Kit authorization URL with client_key, comma-separated scopes and state", () => {
    const url = new URL(adapter.authorizationUrl({ state: "st", codeChallenge: "c", redirectUri: "https://app.example/cb" }));
    expect(url.origin + url.pathname).toBe("https://www.tiktok.com/v2/auth/authorize/");
    expect(url.searchParams.get("client_key")).toBe(TIKTOK_APP.key);
    expect(url.searchParams.get("scope")).toBe("user.info.basic,user.info.profile,user.info.stats,video.publish,video.list");
    expect(url.searchParams.get("state")).toBe("st");
  });

  it("exchanges the code and returns the creator; refreshes; refused grants mean reconnect", async () => {
    const { tokens, profiles } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
    expect(tokens.scopes).toEqual(["user.info.basic", "video.publish", "video.list"]);
    expect(tokens.refreshTokenExpiresAt).toBeInstanceOf(Date);
    expect(profiles).toEqual([{ externalId: TIKTOK_OPEN_ID, name: "Corner Bakery", handle: "cornerbakery", avatarUrl: "https://p16.tiktokcdn.com/avatar.jpeg", metadata: {} }]);
    expect(fake.requestsTo("POST", /oauth\/token/)[0]?.body).toEqual(expect.objectContaining({ client_key: TIKTOK_APP.key, grant_type: "authorization_code" }));

    const renewed = await adapter.refreshToken(refreshToken);
    expect(renewed.accessToken).toMatch(/^act\./);
    // TikTok answers these with HTTP 200 and an error body.
    await expectNetworkError(adapter.refreshToken("rft.revoked"), { code: "AUTH_EXPIRED", retryable: false, message: "Refresh token is invalid or expired." });
    await expectNetworkError(adapter.exchangeCode({ code: "old", codeVerifier: "", redirectUri: "https://app.example/cb" }), { code: "AUTH_EXPIRED", message: "Authorization code is expired." });
  });

  it("publishes a video with PULL_FROM_URL, waits for PUBLISH_COMPLETE and keeps the int64 post id exact", async () => {
    const result = await adapter.publish(account, request("Shaping loaves #bread", [video("https://media.bakery.example/v.mp4")]));
    expect(result).toEqual({ externalId: TIKTOK_POST_ID, url: null });
    const init = fake.requestsTo("POST", /video\/init/)[0];
    expect(init?.body).toEqual({
      post_info: { title: "Shaping loaves #bread", privacy_level: "PUBLIC_TO_EVERYONE", disable_comment: false, disable_duet: true, disable_stitch: false },
      source_info: { source: "PULL_FROM_URL", video_url: "https://media.bakery.example/v.mp4" },
    });
    expect(fake.requestsTo("POST", /creator_info/)).toHaveLength(1);
    expect(await adapter.fetchPost(account, result.externalId)).toEqual({ live: true, url: `https://www.tiktok.com/@cornerbakery/video/${TIKTOK_POST_ID}` });
  });

  it("publishes photos as a DIRECT_POST photo post with the creator's allowed privacy", async () => {
    fake.privacyOptions = ["FOLLOWER_OF_CREATOR", "SELF_ONLY"];
    try {
      await adapter.publish(account, request("Our pastries", [image("https://media.bakery.example/1.jpg"), image("https://media.bakery.example/2.jpg")]));
    } finally {
      fake.privacyOptions = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];
    }
    const init = fake.requestsTo("POST", /content\/init/)[0];
    expect(init?.body).toEqual({
      post_info: { description: "Our pastries", privacy_level: "FOLLOWER_OF_CREATOR", disable_comment: false, auto_add_music: true },
      source_info: { source: "PULL_FROM_URL", photo_cover_index: 0, photo_images: ["https://media.bakery.example/1.jpg", "https://media.bakery.example/2.jpg"] },
      post_mode: "DIRECT_POST",
      media_type: "PHOTO",
    });
  });

  it("returns the publish id when TikTok is still processing, and resolves it later", async () => {
    fake.processingPolls = 100;
    const result = await adapter.publish(account, request("Slow one", [video("https://media.bakery.example/slow.mp4")]));
    expect(result.externalId).toMatch(/^v_pub_url~/);
    expect(await adapter.fetchPost(account, result.externalId)).toEqual({ live: false });
    fake.processingPolls = 0;
    expect(await adapter.fetchPost(account, result.externalId)).toEqual({ live: true, url: expect.stringContaining(TIKTOK_POST_ID) });
  });

  it("reads metrics and account metrics, finds a post, and says what TikTok cannot do", async () => {
    const sent = request("Metrics please", [video("https://media.bakery.example/m.mp4")]);
    const { externalId } = await adapter.publish(account, sent);
    const stored = fake.videos.get(TIKTOK_POST_ID);
    if (stored) Object.assign(stored, { views: 12_000, likes: 900, comments: 40, shares: 25 });
    expect(await adapter.fetchMetrics(account, externalId)).toEqual({ impressions: 12_000, reach: 0, likes: 900, comments: 40, shares: 25, clicks: 0 });
    expect(await adapter.fetchAccountMetrics(account)).toEqual({ followers: 5600, impressions: 12_000, engagements: 965 });
    expect(await adapter.findPublished?.(account, sent)).toEqual({ externalId: TIKTOK_POST_ID, url: expect.any(String) });
    expect(await adapter.findPublished?.(account, request("never"))).toBeUndefined();
    expect(await adapter.fetchComments(account, externalId)).toEqual([]);
    await expectNetworkError(adapter.deletePost(account, externalId), { code: "UNKNOWN", retryable: false, message: /delete it in the TikTok app/ });
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
      await expectNetworkError(adapter.publish({ ...account, accessToken: "act.revoked" }, request("x", [video("https://m/v.mp4")])), {
        code: "AUTH_EXPIRED",
        retryable: false,
        status: 401,
        message: "The access token is invalid or not found in the request.",
      });
    });

    it("maps 429 rate_limit_exceeded to RATE_LIMITED with Retry-After", async () => {
      fake.failNext(1, tiktokError(429, "rate_limit_exceeded", "API rate limit was exceeded, please try again later.", { "retry-after": "45" }), /video\/init/);
      await expectNetworkError(adapter.publish(account, request("x", [video("https://m/v.mp4")])), { code: "RATE_LIMITED", retryable: true, retryAfterSeconds: 45, status: 429 });
    });

    it("maps the daily post cap (spam_risk_too_many_posts) to RATE_LIMITED", async () => {
      fake.failNext(1, tiktokError(403, "spam_risk_too_many_posts", "The daily post cap from the API is reached for the current user."), /video\/init/);
      await expectNetworkError(adapter.publish(account, request("x", [video("https://m/v.mp4")])), { code: "RATE_LIMITED", retryAfterSeconds: 3600 });
    });

    it("maps 500 internal_error to TRANSIENT and refusals to INVALID_CONTENT with TikTok's message", async () => {
      fake.failNext(1, tiktokError(500, "internal_error", "Something went wrong. Please try again later."));
      await expectNetworkError(adapter.fetchAccountMetrics(account), { code: "TRANSIENT", retryable: true, status: 500 });
      await expectNetworkError(adapter.publish(account, request("x", [image("https://unverified.example/a.jpg")])), { code: "INVALID_CONTENT", retryable: false, status: 403, message: "Please review our URL ownership verification rules." });
    });

    it("reports a publish that TikTok failed with its fail_reason", async () => {
      fake.nextFailReason = "file_format_check_failed";
      await expectNetworkError(adapter.publish(account, request("bad file", [video("https://m/bad.avi")])), { code: "INVALID_CONTENT", message: "file_format_check_failed" });
    });
  });
});
