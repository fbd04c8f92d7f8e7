import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInstagramAdapter, INSTAGRAM_RULES } from "../../src/networks";
import type { AccountAuth, NetworkAdapter } from "../../src/types";
import { FakeGraphServer, GRAPH_APP, graphError } from "../fakes/graph-server";
import { expectNetworkError, image, request, video } from "./support";

const IG_USER = "17841400000000001";

describe("Instagram adapter against a fake Graph API", () => {
  const fake = new FakeGraphServer();
  let adapter: NetworkAdapter;
  const account: AccountAuth = { accessToken: "page-token-101", externalId: IG_USER, metadata: { pageId: "101" } };

  beforeAll(async () => {
    await fake.start();
    adapter = createInstagramAdapter({ clientId: GRAPH_APP.id, clientSecret: GRAPH_APP.secret, apiBaseUrl: fake.baseUrl, timeoutMs: 2000, pollIntervalMs: 5, maxPollAttempts: 20 });
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.containerFailure = false;
  });

  it("asks for the Instagram publishing scopes", () => {
    const url = new URL(adapter.authorizationUrl({ state: "s", codeChallenge: "c", redirectUri: "https://app.example/cb" }));
    expect(url.pathname).toBe("/v25.0/dialog/oauth");
    expect(url.searchParams.get("scope")?.split(",")).toEqual(expect.arrayContaining(["instagram_basic", "instagram_content_publish", "instagram_manage_insights", "instagram_manage_contents"]));
  });

  it("connects the Instagram accounts linked to the user's pages", async () => {
    const { tokens, profiles } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "v", redirectUri: "https://app.example/cb" });
    expect(tokens.accessToken).toBe("long-user-token");
    expect(profiles).toEqual([
      {
        externalId: IG_USER,
        name: "Corner Bakery",
        handle: "cornerbakery",
        avatarUrl: `https://scontent.example/ig-${IG_USER}.jpg`,
        metadata: { pageId: "101", pageName: "Corner Bakery" },
        tokens: expect.objectContaining({ accessToken: "page-token-101" }),
      },
    ]);
    expect(fake.requestsTo("GET", /\/me\/accounts$/)[0]?.query.get("fields")).toContain("instagram_business_account");
  });

  it("publishes a single image: container → media_publish → permalink → first comment", async () => {
    const result = await adapter.publish(account, request("Morning bake #sourdough", [image("https://cdn.example/bread.jpg", { altText: "Loaf" })], "Recipe in bio"));
    const container = fake.requestsTo("POST", new RegExp(`/${IG_USER}/media$`))[0];
    expect(container?.body).toEqual({ image_url: "https://cdn.example/bread.jpg", alt_text: "Loaf", caption: "Morning bake #sourdough" });
    expect(fake.requestsTo("POST", /\/media_publish$/)[0]?.body).toEqual({ creation_id: expect.any(String) });
    expect(result).toEqual({ externalId: expect.stringMatching(/^1790/), url: `https://www.instagram.com/p/${result.externalId}/`, firstCommentId: expect.stringContaining(result.externalId), firstCommentError: null });
  });

  it("publishes a video as a reel after the container finishes processing", async () => {
    fake.videoPollsBeforeFinished = 2;
    const result = await adapter.publish(account, request("Shaping loaves", [video("https://cdn.example/shape.mp4")]));
    const container = fake.requestsTo("POST", new RegExp(`/${IG_USER}/media$`))[0];
    expect(container?.body).toEqual({ media_type: "REELS", video_url: "https://cdn.example/shape.mp4", share_to_feed: true, caption: "Shaping loaves" });
    const statusChecks = fake.requests.filter((r) => r.method === "GET" && r.query.get("fields") === "status_code,status");
    expect(statusChecks.length).toBeGreaterThanOrEqual(3);
    expect(result.externalId).toMatch(/^1790/);
  });

  it("publishes a carousel of images and a video", async () => {
    const media = [image("https://cdn.example/1.jpg"), image("https://cdn.example/2.jpg"), video("https://cdn.example/3.mp4")];
    const result = await adapter.publish(account, request("Our week", media));
    const containers = fake.requestsTo("POST", new RegExp(`/${IG_USER}/media$`));
    expect(containers.map((c) => c.body.is_carousel_item ?? c.body.media_type)).toEqual([true, true, true, "CAROUSEL"]);
    expect(containers[2]?.body.media_type).toBe("VIDEO");
    expect(String(containers[3]?.body.children).split(",")).toHaveLength(3);
    expect(fake.objects.get(result.externalId)?.children).toHaveLength(3);
  });

  it("verifies, finds, measures, lists comments and deletes a post", async () => {
    const sent = request("Find me", [image("https://cdn.example/f.jpg")]);
    const { externalId } = await adapter.publish(account, sent);
    expect(await adapter.fetchPost(account, externalId)).toEqual({ live: true, url: `https://www.instagram.com/p/${externalId}/` });
    expect(await adapter.findPublished(account, sent, { createdAfter: new Date(Date.now() - 10_000) })).toEqual({ kind: "found", result: { externalId, url: `https://www.instagram.com/p/${externalId}/` } });

    fake.stats.set(externalId, { views: 500, reach: 410, likes: 37, comments: 4, shares: 2, saved: 9 });
    expect(await adapter.fetchMetrics(account, externalId)).toEqual({ impressions: 500, reach: 410, likes: 37, comments: 4, shares: 2, clicks: 0 });
    fake.stats.set(IG_USER, { views: 20_000, total_interactions: 1500 });
    expect(await adapter.fetchAccountMetrics(account)).toEqual({ followers: 3400, impressions: 20_000, engagements: 1500 });
    const insightCall = fake.requestsTo("GET", new RegExp(`/${IG_USER}/insights$`))[0];
    expect(insightCall?.query.get("metric_type")).toBe("total_value");

    fake.addVisitorComment(externalId, "ana.bakes", "Yum");
    expect(await adapter.fetchComments(account, externalId)).toEqual([expect.objectContaining({ author: "ana.bakes", text: "Yum" })]);

    await adapter.deletePost(account, externalId);
    expect(await adapter.fetchPost(account, externalId)).toEqual({ live: false });
  });

  it("deleting needs instagram_manage_contents: without it, a refusal saying so — not a reconnect for an expired session", async () => {
    const { externalId } = await adapter.publish(account, request("Delete me", [image("https://cdn.example/d.jpg")]));
    fake.tokenScopes.get("page-token-101")?.delete("instagram_manage_contents");
    try {
      const error = await expectNetworkError(adapter.deletePost(account, externalId), { code: "INVALID_CONTENT", retryable: false, status: 400 });
      expect(error.message).toBe("(#10) Application does not have permission for this action — deleting Instagram posts needs the instagram_manage_contents permission: reconnect the account and allow it.");
    } finally {
      fake.tokenScopes.get("page-token-101")?.add("instagram_manage_contents");
    }
    await adapter.deletePost(account, externalId);
    expect(await adapter.fetchPost(account, externalId)).toEqual({ live: false });
  });

  describe("findPublished", () => {
    it("has no idempotency key and a 5-minute lag window", () => {
      expect(adapter.supportsIdempotency).toBe(false);
      expect(adapter.lookupLagMs).toBe(5 * 60_000);
    });

    it("matches the caption exactly and the number of items, among media made since the attempt", async () => {
      const createdAfter = new Date(Date.now() - 2000);
      const sent = request("Carousel #3", [image("https://cdn.example/c1.jpg"), image("https://cdn.example/c2.jpg"), video("https://cdn.example/c3.mp4")]);
      const { externalId } = await adapter.publish(account, sent);
      expect(await adapter.findPublished(account, sent, { createdAfter })).toEqual({ kind: "found", result: { externalId, url: expect.any(String) } });
      expect(await adapter.findPublished(account, { ...sent, media: sent.media.slice(0, 2) }, { createdAfter })).toEqual({ kind: "not-visible" });
      expect(await adapter.findPublished(account, { ...sent, text: "Carousel #4" }, { createdAfter })).toEqual({ kind: "not-visible" });
      // Made before the attempt: not the attempt's.
      expect(await adapter.findPublished(account, sent, { createdAfter: new Date(Date.now() + 60_000) })).toEqual({ kind: "not-visible" });
    });
  });

  it("validates Instagram's limits: media required, 2,200 characters, 10 items, JPEG only, 30 hashtags", () => {
    expect(INSTAGRAM_RULES.maxTextLength).toBe(2200);
    expect(adapter.validate({ text: "no media", media: [] })).toEqual([expect.objectContaining({ field: "media" })]);
    expect(adapter.validate({ text: "x".repeat(2201), media: [image("a.jpg")] })).toEqual([expect.objectContaining({ field: "text" })]);
    expect(adapter.validate({ text: "many", media: Array.from({ length: 11 }, (_, i) => image(`${i}.jpg`)) })).toHaveLength(1);
    expect(adapter.validate({ text: "png", media: [image("a.png", { mimeType: "image/png" })] })[0]?.message).toMatch(/image\/png/);
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" ");
    expect(adapter.validate({ text: tags, media: [image("a.jpg")] })[0]?.message).toMatch(/30 hashtags/);
    expect(adapter.validate({ text: "ok", media: [image("a.jpg"), video("b.mp4")] })).toEqual([]);
  });

  describe("errors", () => {
    it("reports a container that failed processing as INVALID_CONTENT with Instagram's status", async () => {
      fake.containerFailure = true;
      await expectNetworkError(adapter.publish(account, request("bad", [video("https://cdn.example/bad.mp4")])), { code: "INVALID_CONTENT", retryable: false, message: /aspect ratio/ });
      expect(fake.requestsTo("POST", /\/media_publish$/)).toHaveLength(0);
    });

    it("refuses a PNG with Instagram's own message", async () => {
      await expectNetworkError(adapter.publish(account, request("png", [image("https://cdn.example/a.png")])), { code: "INVALID_CONTENT", message: "Only photo or video can be accepted as media type." });
    });

    it("maps the content publishing limit to RATE_LIMITED", async () => {
      fake.failNext(1, graphError("Application request limit reached", 9, { subcode: 2207042, status: 400 }), /media_publish$/);
      await expectNetworkError(adapter.publish(account, request("limit", [image("https://cdn.example/l.jpg")])), { code: "RATE_LIMITED", retryAfterSeconds: 3600 });
    });

    it("maps permission errors (code 10 / 200–299) to a refusal, not an expired session", async () => {
      fake.failNext(1, graphError("(#10) Application does not have permission for this action", 10, { status: 403 }));
      await expectNetworkError(adapter.fetchMetrics(account, "1790"), { code: "INVALID_CONTENT", retryable: false, status: 403 });
      fake.failNext(1, graphError("(#200) Permissions error", 200, { status: 403 }));
      await expectNetworkError(adapter.publish(account, request("p", [image("https://cdn.example/p.jpg")])), { code: "INVALID_CONTENT", retryable: false });
    });

    it("maps code 17 (user request limit) with Retry-After, 401-style code 190, and 500", async () => {
      fake.failNext(1, graphError("(#17) User request limit reached", 17, { status: 400, headers: { "retry-after": "30" } }));
      await expectNetworkError(adapter.fetchMetrics(account, "1790"), { code: "RATE_LIMITED", retryAfterSeconds: 30 });
      fake.failNext(1, graphError("Error validating access token: Session has expired", 190, { status: 401, subcode: 463 }));
      await expectNetworkError(adapter.fetchComments(account, "1790"), { code: "AUTH_EXPIRED", retryable: false, status: 401 });
      fake.failNext(1, { status: 503, body: "Service Unavailable" });
      await expectNetworkError(adapter.fetchAccountMetrics(account), { code: "TRANSIENT", retryable: true, status: 503 });
    });
  });
});
