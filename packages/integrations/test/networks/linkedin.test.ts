import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLinkedInAdapter, LINKEDIN_RULES, LINKEDIN_VERSION } from "../../src/networks";
import { toLittleText } from "../../src/networks/linkedin";
import type { AccountAuth, NetworkAdapter } from "../../src/types";
import { FakeLinkedInServer, LINKEDIN_APP, linkedInError } from "../fakes/linkedin-server";
import { expectNetworkError, image, request, video } from "./support";

describe("LinkedIn adapter against a fake LinkedIn REST API", () => {
  const fake = new FakeLinkedInServer();
  let adapter: NetworkAdapter;
  let member: AccountAuth;
  let organization: AccountAuth;

  beforeAll(async () => {
    await fake.start();
    adapter = createLinkedInAdapter({ clientId: LINKEDIN_APP.id, clientSecret: LINKEDIN_APP.secret, apiBaseUrl: fake.baseUrl, authBaseUrl: fake.baseUrl, timeoutMs: 2000, pollIntervalMs: 5 });
    const { tokens } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
    member = { accessToken: tokens.accessToken, externalId: "urn:li:person:782bbtaQ", metadata: {} };
    organization = { accessToken: tokens.accessToken, externalId: "urn:li:organization:555", metadata: {} };
  });
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it("builds the authorization URL with state and space-separated scopes", () => {
    const url = new URL(adapter.authorizationUrl({ state: "st", codeChallenge: "c", redirectUri: "https://app.example/cb" }));
    expect(url.pathname).toBe("/oauth/v2/authorization");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("client_id")).toBe(LINKEDIN_APP.id);
    expect(url.searchParams.get("state")).toBe("st");
    expect(url.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["w_member_social", "w_organization_social", "openid"]));
    const real = new URL(createLinkedInAdapter({ clientId: "id", clientSecret: "s" }).authorizationUrl({ state: "s", codeChallenge: "c", redirectUri: "https://a/cb" }));
    expect(real.origin).toBe("https://www.linkedin.com");
  });

  it("exchanges the code and offers the member and the organizations they administer", async () => {
    const { tokens, profiles } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
    expect(tokens).toEqual(expect.objectContaining({ refreshToken: "li-refresh-1", scopes: expect.arrayContaining(["w_member_social"]) }));
    expect(tokens.refreshTokenExpiresAt).toBeInstanceOf(Date);
    expect(profiles).toEqual([
      expect.objectContaining({ externalId: "urn:li:person:782bbtaQ", name: "Maria Baker", avatarUrl: "https://media.licdn.com/maria.jpg" }),
      // The ANALYST role on organization 666 cannot post.
      expect.objectContaining({ externalId: "urn:li:organization:555", name: "Corner Bakery Inc.", handle: "corner-bakery" }),
    ]);
    const tokenCall = fake.requestsTo("POST", /accessToken$/)[0];
    expect(tokenCall?.body).toEqual(expect.objectContaining({ grant_type: "authorization_code", code: "good-code", redirect_uri: "https://app.example/cb" }));
    await expectNetworkError(adapter.exchangeCode({ code: "used-code", codeVerifier: "", redirectUri: "https://app.example/cb" }), { code: "INVALID_CONTENT", message: /authorization code expired/ });
  });

  it("refreshes with the refresh token, and asks for a reconnect when it is revoked", async () => {
    const tokens = await adapter.refreshToken("li-refresh-1");
    expect(tokens.accessToken).toMatch(/^li-access-/);
    expect(tokens.refreshToken).toBe("li-refresh-1");
    await expectNetworkError(adapter.refreshToken("revoked"), { code: "AUTH_EXPIRED", retryable: false, message: "The provided authorization grant or refresh token is invalid, expired or revoked." });
  });

  it("publishes text as little text with hashtags, sends the versioned headers and a first comment", async () => {
    const sent = request("Fresh (warm) bread #sourdough @ 7am", [], "Order: https://bakery.example");
    const result = await adapter.publish(organization, sent);
    expect(result.externalId).toMatch(/^urn:li:share:\d+$/);
    expect(result.url).toBe(`https://www.linkedin.com/feed/update/${result.externalId}/`);
    expect(result.firstCommentId).toBe(`urn:li:comment:(${result.externalId},7100000)`);
    const post = fake.requestsTo("POST", /^\/rest\/posts$/)[0];
    expect(post?.headers["linkedin-version"]).toBe(LINKEDIN_VERSION);
    expect(post?.body).toEqual({
      author: "urn:li:organization:555",
      commentary: "Fresh \\(warm\\) bread {hashtag|\\#|sourdough} \\@ 7am",
      visibility: "PUBLIC",
      distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: "PUBLISHED",
      isReshareDisabledByAuthor: false,
    });
    expect(fake.posts.get(result.externalId)?.comments[0]?.text).toBe("Order: https://bakery.example");
  });

  it("uploads images (initializeUpload + PUT) for single and multi-image posts", async () => {
    const bytes = Buffer.alloc(3000, 7);
    const one = await adapter.publish(member, request("One photo", [image(fake.mediaUrl("a.jpg", bytes, "image/jpeg"), { altText: "Loaf" })]));
    expect(fake.posts.get(one.externalId)?.content).toEqual({ media: { id: expect.stringMatching(/^urn:li:image:/), altText: "Loaf" } });
    const three = await adapter.publish(member, request("Three photos", ["b", "c", "d"].map((n) => image(fake.mediaUrl(`${n}.jpg`, bytes, "image/jpeg")))));
    const content = fake.posts.get(three.externalId)?.content as { multiImage: { images: { id: string }[] } };
    expect(content.multiImage.images).toHaveLength(3);
    for (const { id } of content.multiImage.images) expect(fake.images.get(id)).toBe(3000);
  });

  it("uploads a video in the parts LinkedIn asks for, finalizes it and waits until AVAILABLE", async () => {
    fake.videoPartBytes = 1000;
    const bytes = Buffer.alloc(2500, 1);
    const result = await adapter.publish(member, request("Video", [video(fake.mediaUrl("v.mp4", bytes, "video/mp4"), { sizeBytes: 2500 })]));
    const urn = (fake.posts.get(result.externalId)?.content as { media: { id: string } }).media.id;
    const upload = fake.videos.get(urn);
    expect([...(upload?.received.values() ?? [])]).toEqual([1000, 1000, 500]);
    expect(upload?.finalized).toBe(true);
    expect(fake.requestsTo("GET", /^\/rest\/videos\//).length).toBeGreaterThanOrEqual(2);
  });

  it("verifies, finds, measures, lists comments and deletes", async () => {
    const sent = request("Find this #post");
    const { externalId } = await adapter.publish(organization, sent);
    expect(await adapter.fetchPost(organization, externalId)).toEqual({ live: true, url: `https://www.linkedin.com/feed/update/${externalId}/` });
    expect(await adapter.findPublished?.(organization, sent)).toEqual({ externalId, url: expect.any(String) });
    expect(await adapter.findPublished?.(organization, request("other"))).toBeNull();

    fake.stats.set(externalId, { impressionCount: 800, uniqueImpressionsCount: 600, clickCount: 40, likeCount: 25, commentCount: 3, shareCount: 2 });
    expect(await adapter.fetchMetrics(organization, externalId)).toEqual({ impressions: 800, reach: 600, likes: 25, comments: 3, shares: 2, clicks: 40 });
    expect(fake.requestsTo("GET", /organizationalEntityShareStatistics/)[0]?.query.get("shares")).toBe(`List(${externalId})`);
    fake.stats.set("urn:li:organization:555", { impressionCount: 10_000, likeCount: 100, commentCount: 10, shareCount: 5, clickCount: 50 });
    expect(await adapter.fetchAccountMetrics(organization)).toEqual({ followers: 4321, impressions: 10_000, engagements: 165 });
    expect(await adapter.fetchAccountMetrics(member)).toEqual({ followers: 987, impressions: 0, engagements: 0 });

    fake.addVisitorComment(externalId, "urn:li:person:abc", "Congrats!");
    expect(await adapter.fetchComments(organization, externalId)).toEqual([expect.objectContaining({ author: "urn:li:person:abc", text: "Congrats!" })]);
    const memberPost = await adapter.publish(member, request("member post"));
    fake.stats.set(memberPost.externalId, { likeCount: 4 });
    expect(await adapter.fetchMetrics(member, memberPost.externalId)).toEqual({ impressions: 0, reach: 0, likes: 4, comments: 0, shares: 0, clicks: 0 });

    await adapter.deletePost(organization, externalId);
    expect(fake.requestsTo("DELETE", /^\/rest\/posts\//)[0]?.headers["x-restli-method"]).toBe("DELETE");
    expect(await adapter.fetchPost(organization, externalId)).toEqual({ live: false });
  });

  it("escapes every reserved little-text character", () => {
    expect(toLittleText("a_b*c~d|e{f}g[h]i<j>k\\l #tag (x)")).toBe("a\\_b\\*c\\~d\\|e\\{f\\}g\\[h\\]i\\<j\\>k\\\\l {hashtag|\\#|tag} \\(x\\)");
  });

  it("validates LinkedIn's limits", () => {
    expect(LINKEDIN_RULES.maxTextLength).toBe(3000);
    expect(adapter.validate({ text: "x".repeat(3001), media: [] })).toHaveLength(1);
    expect(adapter.validate({ text: "ok", media: [video("a.mp4"), video("b.mp4")] }).some((i) => i.field === "media")).toBe(true);
    expect(adapter.validate({ text: "ok", media: Array.from({ length: 20 }, (_, i) => image(`${i}.jpg`)) })).toEqual([]);
  });

  describe("errors", () => {
    it("maps 401 to AUTH_EXPIRED with LinkedIn's message", async () => {
      await expectNetworkError(adapter.publish({ ...member, accessToken: "revoked" }, request("x")), { code: "AUTH_EXPIRED", retryable: false, status: 401, message: "Invalid access token" });
    });

    it("maps 429 to RATE_LIMITED, using Retry-After or else the next UTC midnight", async () => {
      fake.failNext(1, linkedInError(429, "Resource level throttle APPLICATION DAY limit for calls to this resource is reached.", undefined, undefined, { "retry-after": "90" }));
      await expectNetworkError(adapter.publish(member, request("x")), { code: "RATE_LIMITED", retryAfterSeconds: 90, message: /throttle/ });
      fake.failNext(1, linkedInError(429, "Resource level throttle MEMBER DAY limit for calls to this resource is reached."));
      const error = await expectNetworkError(adapter.publish(member, request("x")), { code: "RATE_LIMITED", retryable: true });
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(60);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(86_400);
    });

    it("maps 500 to TRANSIENT and a duplicate to INVALID_CONTENT", async () => {
      fake.failNext(1, linkedInError(500, "Internal Server Error"));
      await expectNetworkError(adapter.publish(member, request("x")), { code: "TRANSIENT", retryable: true, status: 500 });
      const first = await adapter.publish(member, request("Said once"));
      await expectNetworkError(adapter.publish(member, request("Said once")), { code: "INVALID_CONTENT", retryable: false, status: 422, message: `Content is a duplicate of ${first.externalId}` });
    });

    it("treats a dropped connection as TRANSIENT without a status", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const { port } = closed.address() as AddressInfo;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const dead = createLinkedInAdapter({ clientId: LINKEDIN_APP.id, clientSecret: LINKEDIN_APP.secret, apiBaseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 });
      await expectNetworkError(dead.publish(member, request("x")), { code: "TRANSIENT", status: undefined, message: /could not be reached \(ECONNREFUSED\)/ });
    });
  });
});
