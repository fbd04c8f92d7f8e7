import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFacebookAdapter, FACEBOOK_RULES } from "../../src/networks";
import type { AccountAuth, NetworkAdapter } from "../../src/types";
import { FakeGraphServer, GRAPH_APP, graphError } from "../fakes/graph-server";
import { expectNetworkError, image, request, video } from "./support";

describe("Facebook Pages adapter against a fake Graph API", () => {
  const fake = new FakeGraphServer();
  let adapter: NetworkAdapter;
  const page: AccountAuth = { accessToken: "page-token-101", externalId: "101", metadata: {} };

  beforeAll(async () => {
    await fake.start();
    adapter = createFacebookAdapter({ clientId: GRAPH_APP.id, clientSecret: GRAPH_APP.secret, apiBaseUrl: fake.baseUrl, authBaseUrl: "https://www.facebook.com", timeoutMs: 1000, now: () => new Date(fake.now()) });
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.feedLagMs = 0;
  });
  const since = (ms = 10_000) => ({ createdAfter: new Date(fake.now() - ms) });

  it("builds the Login dialog URL with state and the page scopes", () => {
    const url = new URL(adapter.authorizationUrl({ state: "st4te", codeChallenge: "challenge", redirectUri: "https://app.example/api/integrations/facebook/callback" }));
    expect(url.origin + url.pathname).toBe("https://www.facebook.com/v25.0/dialog/oauth");
    expect(url.searchParams.get("client_id")).toBe(GRAPH_APP.id);
    expect(url.searchParams.get("state")).toBe("st4te");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("redirect_uri")).toBe("https://app.example/api/integrations/facebook/callback");
    expect(url.searchParams.get("scope")?.split(",")).toEqual(expect.arrayContaining(["pages_manage_posts", "pages_show_list", "read_insights"]));
  });

  it("exchanges the code for a long-lived token and lists the pages it can publish to", async () => {
    const before = Date.now();
    const { tokens, profiles } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "v", redirectUri: "https://app.example/cb" });
    expect(tokens.accessToken).toBe("long-user-token");
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.expiresAt?.getTime()).toBeGreaterThanOrEqual(before + 5_183_944_000);
    // Page 102 lacks CREATE_CONTENT.
    expect(profiles).toEqual([
      expect.objectContaining({ externalId: "101", name: "Corner Bakery", avatarUrl: "https://scontent.example/101.jpg", tokens: expect.objectContaining({ accessToken: "page-token-101", expiresAt: null }) }),
    ]);
    const tokenCalls = fake.requestsTo("GET", /oauth\/access_token$/);
    expect(tokenCalls.map((r) => r.query.get("grant_type"))).toEqual([null, "fb_exchange_token"]);
    expect(tokenCalls[0]?.query.get("redirect_uri")).toBe("https://app.example/cb");
  });

  it("renews a long-lived token, and asks for a reconnect once Meta refuses it", async () => {
    const renewed = await adapter.refreshToken("long-user-token");
    expect(renewed.accessToken).toBe("long-user-token");
    expect(renewed.expiresAt).toBeInstanceOf(Date);
    await expectNetworkError(adapter.refreshToken("stale-token"), { code: "AUTH_EXPIRED", retryable: false, message: /Session has expired/ });
  });

  it("publishes a text post with a first comment, verifies it, finds it and deletes it", async () => {
    const sent = request("Fresh sourdough at 7am! 🥖 https://bakery.example", [], "Order ahead: https://bakery.example/order");
    const result = await adapter.publish(page, sent);
    expect(result.externalId).toMatch(/^101_\d+$/);
    expect(result.url).toBe(`https://www.facebook.com/${result.externalId}`);
    expect(result.firstCommentId).toMatch(new RegExp(`^${result.externalId}_`));
    const feed = fake.requestsTo("POST", /\/101\/feed$/)[0];
    expect(feed?.body).toEqual({ message: sent.text });
    expect(feed?.query.get("appsecret_proof")).toMatch(/^[0-9a-f]{64}$/);

    expect(await adapter.fetchPost(page, result.externalId)).toEqual({ live: true, url: `https://www.facebook.com/${result.externalId}` });
    expect(await adapter.findPublished(page, sent, since())).toEqual({ kind: "found", result: { externalId: result.externalId, url: `https://www.facebook.com/${result.externalId}` } });
    expect(await adapter.findPublished(page, request("never posted"), since())).toEqual({ kind: "not-visible" });

    await adapter.deletePost(page, result.externalId);
    expect(await adapter.fetchPost(page, result.externalId)).toEqual({ live: false });
    // Deleting what is already gone is not an error.
    await expect(adapter.deletePost(page, result.externalId)).resolves.toBeUndefined();
  });

  it("publishes one photo with its caption and alt text", async () => {
    const result = await adapter.publish(page, request("Croissant day", [image("https://cdn.example/croissant.jpg", { altText: "A croissant" })]));
    const photo = fake.requestsTo("POST", /\/101\/photos$/)[0];
    expect(photo?.body).toEqual({ url: "https://cdn.example/croissant.jpg", caption: "Croissant day", alt_text_custom: "A croissant" });
    expect(result.externalId).toMatch(/^101_/);
  });

  it("publishes several photos as one multi-photo post", async () => {
    const urls = ["a", "b", "c"].map((n) => `https://cdn.example/${n}.jpg`);
    const result = await adapter.publish(page, request("Three loaves", urls.map((u) => image(u))));
    const photos = fake.requestsTo("POST", /\/101\/photos$/);
    expect(photos.map((p) => p.body.published)).toEqual([false, false, false]);
    const feed = fake.requestsTo("POST", /\/101\/feed$/)[0];
    expect(feed?.body.attached_media).toHaveLength(3);
    expect(fake.objects.get(result.externalId)?.attached).toHaveLength(3);
  });

  it("publishes a video through /videos with file_url", async () => {
    const result = await adapter.publish(page, request("Behind the scenes", [video("https://cdn.example/bts.mp4")]));
    expect(fake.requestsTo("POST", /\/101\/videos$/)[0]?.body).toEqual({ file_url: "https://cdn.example/bts.mp4", description: "Behind the scenes" });
    expect(result.url).toBe(`https://www.facebook.com/101/videos/${result.externalId}`);
  });

  it("reads post metrics, page metrics and comments with the metrics Graph still has (*_media_view)", async () => {
    const { externalId } = await adapter.publish(page, request("Metrics post"));
    fake.stats.set(externalId, { post_media_view: 900, post_total_media_view_unique: 700, post_clicks: 31, reactions: 42, shares: 5 });
    fake.addVisitorComment(externalId, "Ana", "Looks delicious");
    fake.stats.set("101", { page_media_view: 12_000, page_post_engagements: 800 });

    expect(await adapter.fetchMetrics(page, externalId)).toEqual({ impressions: 900, reach: 700, likes: 42, comments: 1, shares: 5, clicks: 31 });
    expect(await adapter.fetchAccountMetrics(page)).toEqual({ followers: 1200, impressions: 12_000, engagements: 800 });
    const comments = await adapter.fetchComments(page, externalId);
    expect(comments).toEqual([expect.objectContaining({ author: "Ana", text: "Looks delicious" })]);
    expect(comments[0]?.createdAt).toBeInstanceOf(Date);
    expect(fake.requestsTo("GET", /\/insights$/).map((r) => r.query.get("metric"))).toEqual(["post_media_view,post_total_media_view_unique,post_clicks", "page_media_view,page_post_engagements"]);
  });

  it("reads video views for a video published through /videos", async () => {
    const { externalId } = await adapter.publish(page, request("Video metrics", [video("https://cdn.example/m.mp4")]));
    fake.stats.set(externalId, { total_video_views: 321, total_video_views_unique: 250, reactions: 3 });
    expect(await adapter.fetchMetrics(page, externalId)).toEqual({ impressions: 321, reach: 250, likes: 3, comments: 0, shares: 0, clicks: 0 });
  });

  it("the fake refuses the metrics Meta removed on 2025-11-15, as Graph does", async () => {
    const { externalId } = await adapter.publish(page, request("Removed metrics"));
    const proof = createHmac("sha256", GRAPH_APP.secret).update(page.accessToken).digest("hex");
    for (const metric of ["post_impressions", "post_impressions_unique"]) {
      const answer = await fetch(`${fake.baseUrl}/v25.0/${externalId}/insights?metric=${metric}&appsecret_proof=${proof}`, { headers: { authorization: `Bearer ${page.accessToken}` } });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({ error: expect.objectContaining({ code: 100, message: "(#100) The value must be a valid insights metric" }) });
    }
  });

  describe("findPublished", () => {
    it("has no idempotency key and a 10-minute lag window", () => {
      expect(adapter.supportsIdempotency).toBe(false);
      expect(adapter.lookupLagMs).toBe(10 * 60_000);
    });

    it("not-visible while the page's posts lag, then the post with the exact text and photo count", async () => {
      fake.feedLagMs = 20_000;
      const lookup = since(2000);
      const sent = request("Two loaves 🥖", [image("https://cdn.example/1.jpg"), image("https://cdn.example/2.jpg")]);
      const { externalId } = await adapter.publish(page, sent);
      expect(await adapter.findPublished(page, sent, lookup)).toEqual({ kind: "not-visible" });
      fake.advance(21_000);
      expect(await adapter.findPublished(page, sent, lookup)).toEqual({ kind: "found", result: { externalId, url: `https://www.facebook.com/${externalId}` } });
      expect(await adapter.findPublished(page, { ...sent, media: sent.media.slice(0, 1) }, lookup)).toEqual({ kind: "not-visible" });
      expect(await adapter.findPublished(page, { ...sent, text: "Two loaves" }, lookup)).toEqual({ kind: "not-visible" });
      const asked = fake.requestsTo("GET", /\/101\/posts$/).at(-1);
      expect(asked?.query.get("since")).toBe(String(Math.floor(lookup.createdAfter.getTime() / 1000)));
    });

    it("never takes last week's post with the same text for this attempt's", async () => {
      fake.addOlderPost("101", "Soup of the day: tomato", 7 * 86_400_000);
      expect(await adapter.findPublished(page, request("Soup of the day: tomato"), since())).toEqual({ kind: "not-visible" });
    });

    it("finds a video among the page's videos by its description", async () => {
      const sent = request("Kneading, slowly", [video("https://cdn.example/k.mp4")]);
      const { externalId } = await adapter.publish(page, sent);
      expect(await adapter.findPublished(page, sent, since())).toEqual({ kind: "found", result: { externalId, url: `https://www.facebook.com/101/videos/${externalId}` } });
    });
  });

  it("validates Facebook's limits", () => {
    expect(FACEBOOK_RULES.maxTextLength).toBe(63_206);
    expect(adapter.validate({ text: "x".repeat(63_206), media: [] })).toEqual([]);
    expect(adapter.validate({ text: "x".repeat(63_207), media: [] })).toEqual([expect.objectContaining({ field: "text", severity: "error" })]);
    expect(adapter.validate({ text: "mixed", media: [video("v.mp4"), image("i.jpg")] }).map((i) => i.field)).toContain("media");
    expect(adapter.validate({ text: "eleven", media: Array.from({ length: 11 }, (_, i) => image(`${i}.jpg`)) })).toHaveLength(1);
  });

  describe("errors", () => {
    it("maps an invalidated token (Graph code 190) to AUTH_EXPIRED with Meta's message", async () => {
      fake.validTokens.delete("page-token-101");
      try {
        await expectNetworkError(adapter.publish(page, request("x")), {
          code: "AUTH_EXPIRED",
          retryable: false,
          status: 400,
          message: "Error validating access token: The session has been invalidated because the user changed their password.",
        });
      } finally {
        fake.validTokens.add("page-token-101");
      }
    });

    it("maps 429 with Retry-After to RATE_LIMITED", async () => {
      fake.failNext(1, graphError("(#4) Application request limit reached", 4, { status: 429, headers: { "retry-after": "120" } }));
      await expectNetworkError(adapter.publish(page, request("x")), { code: "RATE_LIMITED", retryable: true, retryAfterSeconds: 120, message: "(#4) Application request limit reached" });
    });

    it("reads the wait from X-Business-Use-Case-Usage on a code 32 throttle", async () => {
      const usage = JSON.stringify({ "101": [{ type: "pages", call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 7 }] });
      fake.failNext(1, graphError("(#32) Page request limit reached", 32, { status: 403, headers: { "x-business-use-case-usage": usage } }));
      await expectNetworkError(adapter.fetchAccountMetrics(page), { code: "RATE_LIMITED", retryAfterSeconds: 420, status: 403 });
    });

    it("maps 500 to a retryable TRANSIENT error", async () => {
      fake.failNext(1, graphError("An unknown error has occurred.", 1, { status: 500 }));
      await expectNetworkError(adapter.publish(page, request("x")), { code: "TRANSIENT", retryable: true, status: 500, message: "An unknown error has occurred." });
    });

    it("maps a duplicate status refusal to DUPLICATE_CONTENT with Meta's message", async () => {
      await adapter.publish(page, request("Same words twice"));
      await expectNetworkError(adapter.publish(page, request("Same words twice")), { code: "DUPLICATE_CONTENT", retryable: false, message: "(#506) Duplicate status message" });
    });

    it("treats permission errors (code 10, 200–299) as refusals, never as an expired session", async () => {
      fake.tokenScopes.get("page-token-101")?.delete("pages_manage_posts");
      try {
        await expectNetworkError(adapter.publish(page, request("No permission")), { code: "INVALID_CONTENT", retryable: false, status: 400, message: "(#200) Requires pages_manage_posts permission to manage the object" });
      } finally {
        fake.tokenScopes.get("page-token-101")?.add("pages_manage_posts");
      }
      fake.failNext(1, graphError("(#10) Application does not have permission for this action", 10, { status: 403 }));
      await expectNetworkError(adapter.fetchAccountMetrics(page), { code: "INVALID_CONTENT", retryable: false, status: 403 });
      fake.failNext(1, graphError("(#299) Requires extended permission: manage_pages", 299));
      await expectNetworkError(adapter.fetchComments(page, "101_1"), { code: "INVALID_CONTENT" });
    });

    it("treats a timeout after sending as an ambiguous TRANSIENT error (no status) that findPublished resolves", async () => {
      const sent = request("Posted while the answer got lost");
      fake.stallNext(1500);
      await expectNetworkError(adapter.publish(page, sent), { code: "TRANSIENT", retryable: true, status: undefined, message: /did not answer/ });
      // The post was made: the publisher's check-before-retry finds it.
      expect(await adapter.findPublished(page, sent, since())).toEqual({ kind: "found", result: expect.objectContaining({ externalId: expect.stringMatching(/^101_/) }) });
    });

    it("does not fail a publish whose first comment fails, and reports Facebook's reason", async () => {
      fake.failNext(1, graphError("(#1705) There was an error posting to this wall", 1705), /\/comments$/);
      const result = await adapter.publish(page, request("Post survives", [], "comment fails"));
      expect(result.externalId).toMatch(/^101_/);
      expect(result.firstCommentId).toBeNull();
      expect(result.firstCommentError).toContain("(#1705) There was an error posting to this wall");
    });
  });
});
