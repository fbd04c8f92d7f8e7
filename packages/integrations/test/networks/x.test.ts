import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createXAdapter, X_RULES, xWeightedLength } from "../../src/networks";
import { createPkcePair } from "../../src/oauth/pkce";
import type { AccountAuth, NetworkAdapter } from "../../src/types";
import { FakeXServer, X_APP, X_USER, xProblem } from "../fakes/x-server";
import { expectNetworkError, image, request, video } from "./support";

describe("X adapter against a fake X API v2", () => {
  const fake = new FakeXServer();
  let adapter: NetworkAdapter;
  let account: AccountAuth;

  async function connect(): Promise<{ accessToken: string; refreshToken: string }> {
    const pkce = createPkcePair();
    const url = new URL(adapter.authorizationUrl({ state: "st", codeChallenge: pkce.challenge, redirectUri: "https://app.example/cb" }));
    fake.approve("good-code", url.searchParams.get("code_challenge") ?? "");
    const { tokens } = await adapter.exchangeCode({ code: "good-code", codeVerifier: pkce.verifier, redirectUri: "https://app.example/cb" });
    return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? "" };
  }

  beforeAll(async () => {
    await fake.start();
    adapter = createXAdapter({ clientId: X_APP.id, clientSecret: X_APP.secret, apiBaseUrl: fake.baseUrl, authBaseUrl: "https://x.com", timeoutMs: 3000, pollIntervalMs: 5, now: () => new Date(fake.now()) });
    account = { accessToken: (await connect()).accessToken, externalId: X_USER.id, metadata: {} };
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it("builds the OAuth 2.0 authorization URL with PKCE (S256) and offline.access", () => {
    const url = new URL(adapter.authorizationUrl({ state: "st", codeChallenge: "abc", redirectUri: "https://app.example/cb" }));
    expect(url.origin + url.pathname).toBe("https://x.com/i/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: X_APP.id,
      redirect_uri: "https://app.example/cb",
      scope: "tweet.read tweet.write users.read offline.access media.write",
      state: "st",
      code_challenge: "abc",
      code_challenge_method: "S256",
    });
  });

  it("exchanges the code with the PKCE verifier and Basic client auth, and returns the user", async () => {
    const pkce = createPkcePair();
    fake.approve("code-2", pkce.challenge);
    const { tokens, profiles } = await adapter.exchangeCode({ code: "code-2", codeVerifier: pkce.verifier, redirectUri: "https://app.example/cb" });
    expect(tokens.refreshToken).toMatch(/^x-refresh-/);
    expect(tokens.scopes).toContain("tweet.write");
    expect(tokens.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 7_000_000);
    expect(profiles).toEqual([{ externalId: X_USER.id, name: X_USER.name, handle: X_USER.username, avatarUrl: expect.stringContaining("pbs.twimg.com"), metadata: {} }]);
    expect(fake.requestsTo("POST", /oauth2\/token$/)[0]?.body).toEqual({ grant_type: "authorization_code", code: "code-2", redirect_uri: "https://app.example/cb", code_verifier: pkce.verifier, client_id: X_APP.id });
    // A wrong verifier is refused by X.
    fake.approve("code-3", pkce.challenge);
    await expectNetworkError(adapter.exchangeCode({ code: "code-3", codeVerifier: "wrong", redirectUri: "https://app.example/cb" }), { code: "INVALID_CONTENT", message: "Value passed for the authorization code was invalid." });
  });

  it("refreshes with a rotating refresh token; reusing the old one means reconnect", async () => {
    const { refreshToken } = await connect();
    const renewed = await adapter.refreshToken(refreshToken);
    expect(renewed.refreshToken).not.toBe(refreshToken);
    await expectNetworkError(adapter.refreshToken(refreshToken), { code: "AUTH_EXPIRED", retryable: false, message: "Value passed for the token was invalid." });
  });

  it("access tokens die after two hours; the refreshed pair works and says when it expires", async () => {
    const { accessToken, refreshToken } = await connect();
    const me = { ...account, accessToken };
    await adapter.publish(me, request("Before expiry"));
    fake.advance(2 * 3600_000 + 1000);
    await expectNetworkError(adapter.publish(me, request("After expiry")), { code: "AUTH_EXPIRED", status: 401 });
    const renewed = await adapter.refreshToken(refreshToken);
    // The expiry is computed from the answer, so the pipeline knows to refresh again within 2 hours.
    expect(renewed.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 7_100_000);
    expect(renewed.expiresAt?.getTime()).toBeLessThanOrEqual(Date.now() + 7_200_000);
    expect(renewed.refreshToken).toMatch(/^x-refresh-/);
    expect(renewed.refreshToken).not.toBe(refreshToken);
    await expect(adapter.publish({ ...account, accessToken: renewed.accessToken }, request("With the renewed token"))).resolves.toMatchObject({ externalId: expect.any(String) });
  });

  it("has no idempotency key and waits 15 minutes for its timeline", () => {
    expect(adapter.supportsIdempotency).toBe(false);
    expect(adapter.lookupLagMs).toBe(15 * 60_000);
  });

  describe("findPublished after a lost answer", () => {
    it("says not-visible while the timeline lags, then finds the post once it shows", async () => {
      fake.timelineLagMs = 60_000;
      try {
        const sentAt = new Date(fake.now() - 2000);
        const sent = request("Lost answer, live post");
        const { externalId } = await adapter.publish(account, sent);
        expect(await adapter.findPublished(account, sent, { createdAfter: sentAt })).toEqual({ kind: "not-visible" });
        fake.advance(61_000);
        expect(await adapter.findPublished(account, sent, { createdAfter: sentAt })).toEqual({ kind: "found", result: { externalId, url: `https://x.com/i/web/status/${externalId}` } });
        const lookup = fake.requestsTo("GET", /^\/2\/users\/\d+\/tweets$/).at(-1);
        // Only posts made since the attempt are asked for (second precision, as X requires).
        expect(lookup?.query.get("start_time")).toBe(new Date(Math.floor(sentAt.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z"));
      } finally {
        fake.timelineLagMs = 0;
      }
    });

    it("never takes an older post with the same text (a recurring series) for the attempt's", async () => {
      fake.addOlderTweet("Fresh rolls every Monday", 7 * 86_400_000);
      expect(await adapter.findPublished(account, request("Fresh rolls every Monday"), { createdAfter: new Date(fake.now() - 5000) })).toEqual({ kind: "not-visible" });
    });

    it("matches X's rewritten form exactly: t.co links, escaped & < >, the media link; any other difference is not the post", async () => {
      const createdAfter = new Date(fake.now() - 2000);
      const media = [image(fake.mediaUrl("menu.jpg", Buffer.alloc(500, 1), "image/jpeg"), { sizeBytes: 500 })];
      const sent = request("Bread & butter <3 — menu: https://bakery.example/menu?day=mon&lang=en", media);
      const { externalId } = await adapter.publish(account, sent);
      expect(fake.tweets.get(externalId) && fake.rendered(fake.tweets.get(externalId)!).text).toMatch(/^Bread &amp; butter &lt;3 — menu: https:\/\/t\.co\/\S+ https:\/\/t\.co\/m/);
      expect(await adapter.findPublished(account, sent, { createdAfter })).toEqual({ kind: "found", result: { externalId, url: expect.any(String) } });
      // One character off, another link, or no media: a different post.
      expect(await adapter.findPublished(account, { ...sent, text: "Bread & butter <3 — menu: https://bakery.example/menu?day=tue&lang=en" }, { createdAfter })).toEqual({ kind: "not-visible" });
      expect(await adapter.findPublished(account, { ...sent, text: "Bread & butter <3 - menu: https://bakery.example/menu?day=mon&lang=en" }, { createdAfter })).toEqual({ kind: "not-visible" });
      expect(await adapter.findPublished(account, { ...sent, media: [] }, { createdAfter })).toEqual({ kind: "not-visible" });
    });
  });

  it("posts text and the first comment as a reply", async () => {
    const result = await adapter.publish(account, request("Fresh bread at 7 🥖", [], "Order: https://bakery.example"));
    expect(result.url).toBe(`https://x.com/i/web/status/${result.externalId}`);
    expect(fake.requestsTo("POST", /^\/2\/tweets$/).map((r) => r.body)).toEqual([{ text: "Fresh bread at 7 🥖" }, { text: "Order: https://bakery.example", reply: { in_reply_to_tweet_id: result.externalId } }]);
    expect(fake.tweets.get(result.firstCommentId ?? "")?.replyTo).toBe(result.externalId);
  });

  it("uploads images in chunks (with alt text) and attaches them", async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024, 3);
    const media = [image(fake.mediaUrl("big.jpg", bytes, "image/jpeg"), { sizeBytes: bytes.length, altText: "Our oven" }), image(fake.mediaUrl("small.png", Buffer.alloc(100), "image/png"), { sizeBytes: 100, mimeType: "image/png" })];
    const result = await adapter.publish(account, request("Two photos", media));
    const ids = fake.tweets.get(result.externalId)?.mediaIds ?? [];
    expect(ids).toHaveLength(2);
    const big = fake.uploads.get(ids[0] ?? "");
    expect([...(big?.segments.entries() ?? [])]).toEqual([[0, 4 * 1024 * 1024], [1, 1024 * 1024]]);
    expect(big?.category).toBe("tweet_image");
    expect(big?.altText).toBe("Our oven");
    expect(fake.requestsTo("POST", /initialize$/).map((r) => r.body.media_type)).toEqual(["image/jpeg", "image/png"]);
  });

  it("uploads a video and waits for processing before posting", async () => {
    const bytes = Buffer.alloc(300_000, 9);
    const result = await adapter.publish(account, request("Video", [video(fake.mediaUrl("clip.mp4", bytes, "video/mp4"), { sizeBytes: bytes.length })]));
    const [mediaId] = fake.tweets.get(result.externalId)?.mediaIds ?? [];
    expect(fake.uploads.get(mediaId ?? "")?.category).toBe("tweet_video");
    expect(fake.requestsTo("GET", /^\/2\/media\/upload$/)[0]?.query.get("command")).toBe("STATUS");
  });

  it("verifies, finds, measures, reads replies and deletes", async () => {
    const sent = request("Find me https://bakery.example/a-very-long-link");
    const { externalId } = await adapter.publish(account, sent);
    expect(await adapter.fetchPost(account, externalId)).toEqual({ live: true, url: `https://x.com/i/web/status/${externalId}` });
    // X shortens links to t.co: the lookup ignores them.
    const stored = fake.tweets.get(externalId);
    expect(await adapter.findPublished(account, sent, { createdAfter: new Date(fake.now() - 10_000) })).toEqual({ kind: "found", result: { externalId, url: expect.any(String) } });
    expect(await adapter.findPublished(account, request("not there"), { createdAfter: new Date(fake.now() - 10_000) })).toEqual({ kind: "not-visible" });

    if (stored) stored.metrics = { impression_count: 1000, like_count: 50, reply_count: 4, retweet_count: 6, quote_count: 2, url_link_clicks: 30, user_profile_clicks: 5 };
    expect(await adapter.fetchMetrics(account, externalId)).toEqual({ impressions: 1000, reach: 0, likes: 50, comments: 4, shares: 8, clicks: 35 });
    if (stored) stored.olderThan30Days = true;
    expect(await adapter.fetchMetrics(account, externalId)).toEqual({ impressions: 1000, reach: 0, likes: 50, comments: 4, shares: 8, clicks: 0 });
    expect(await adapter.fetchAccountMetrics(account)).toEqual({ followers: 2500, impressions: 1000, engagements: 62 });

    fake.addReply(externalId, "99", "Nice!");
    expect(await adapter.fetchComments(account, externalId)).toEqual([expect.objectContaining({ author: "visitor99", text: "Nice!" })]);

    await adapter.deletePost(account, externalId);
    expect(await adapter.fetchPost(account, externalId)).toEqual({ live: false });
  });

  it("validates X's limits, including weighted length", () => {
    expect(X_RULES.maxTextLength).toBe(280);
    expect(adapter.validate({ text: "x".repeat(281), media: [] })).toHaveLength(1);
    expect(adapter.validate({ text: "ok", media: Array.from({ length: 5 }, (_, i) => image(`${i}.jpg`)) })).toHaveLength(1);
    expect(adapter.validate({ text: "ok", media: [video("a.mp4"), image("b.jpg")] }).length).toBeGreaterThan(0);
    expect(xWeightedLength(`Hi https://example.com/${"a".repeat(100)}`)).toBe(26);
    const cjk = "日".repeat(141);
    expect(adapter.validate({ text: cjk, media: [] })[0]?.message).toMatch(/282/);
  });

  describe("errors", () => {
    it("maps 401 to AUTH_EXPIRED", async () => {
      await expectNetworkError(adapter.publish({ ...account, accessToken: "revoked" }, request("x")), { code: "AUTH_EXPIRED", retryable: false, status: 401, message: "Unauthorized" });
    });

    it("maps 429 to RATE_LIMITED with the wait from x-rate-limit-reset", async () => {
      const reset = Math.floor(Date.now() / 1000) + 600;
      fake.failNext(1, xProblem(429, "Too Many Requests", "Too Many Requests", { "x-rate-limit-limit": "200", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(reset) }));
      const error = await expectNetworkError(adapter.publish(account, request("x")), { code: "RATE_LIMITED", retryable: true, status: 429, message: "Too Many Requests" });
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(598);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(601);
    });

    it("uses the 24-hour user cap reset when that is what ran out", async () => {
      const reset = Math.floor(Date.now() / 1000) + 20_000;
      fake.failNext(1, xProblem(429, "Too Many Requests", "Too Many Requests", { "x-rate-limit-reset": String(reset - 19_000), "x-user-limit-24hour-remaining": "0", "x-user-limit-24hour-reset": String(reset) }));
      const error = await expectNetworkError(adapter.publish(account, request("x")), { code: "RATE_LIMITED" });
      expect(error.retryAfterSeconds).toBeGreaterThan(19_000);
    });

    it("waits for the app-level 24-hour cap's reset, not the 15-minute window", async () => {
      fake.tweets.clear();
      fake.appDailyLimit = 2;
      try {
        await adapter.publish(account, request("App cap 1"));
        fake.advance(3600_000);
        await adapter.publish(account, request("App cap 2"));
        const error = await expectNetworkError(adapter.publish(account, request("App cap 3")), { code: "RATE_LIMITED", retryable: true, status: 429 });
        // The window opened with the first post an hour ago: 23 hours to go, not 900 seconds.
        expect(error.retryAfterSeconds).toBeGreaterThan(22 * 3600);
        expect(error.retryAfterSeconds).toBeLessThanOrEqual(23 * 3600 + 5);
      } finally {
        fake.appDailyLimit = 1667;
      }
    });

    it("treats a usage-capped answer as a long wait with X's own words", async () => {
      fake.usageCapped = "Monthly";
      try {
        const error = await expectNetworkError(adapter.publish(account, request("capped")), { code: "RATE_LIMITED", retryable: true, status: 429, message: "Usage cap exceeded: Monthly product cap" });
        // X does not say when the monthly cap resets: look again in a day, never every 15 minutes.
        expect(error.retryAfterSeconds).toBe(86_400);
      } finally {
        fake.usageCapped = null;
      }
      const reset = Math.floor(Date.now() / 1000) + 30_000;
      fake.failNext(1, { status: 429, body: { title: "UsageCapExceeded", detail: "Usage cap exceeded: Daily account cap", type: "https://api.twitter.com/2/problems/usage-capped", period: "Daily", scope: "Account" }, headers: { "x-app-limit-24hour-remaining": "0", "x-app-limit-24hour-reset": String(reset) } });
      const daily = await expectNetworkError(adapter.publish(account, request("capped daily")), { code: "RATE_LIMITED" });
      expect(daily.retryAfterSeconds).toBeGreaterThan(29_000);
    });

    it("maps 503 to TRANSIENT and refusals to INVALID_CONTENT with X's words", async () => {
      fake.failNext(1, xProblem(503, "Service Unavailable", "Service Unavailable"));
      await expectNetworkError(adapter.publish(account, request("x")), { code: "TRANSIENT", retryable: true, status: 503 });
      await adapter.publish(account, request("Only once"));
      // The earlier post may be our own lost attempt: a refusal the pipeline resolves by lookup.
      await expectNetworkError(adapter.publish(account, request("Only once")), { code: "DUPLICATE_CONTENT", retryable: false, status: 403, message: "You are not allowed to create a Tweet with duplicate content." });
      await expectNetworkError(adapter.publish(account, request("y".repeat(300))), { code: "INVALID_CONTENT", status: 400, message: /Tweet text is too long/ });
    });
  });
});
