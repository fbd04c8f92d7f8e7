import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLinkedInAdapter, LINKEDIN_RULES, LINKEDIN_VERSION } from "../../src/networks";
import { linkedInVersionProblem, toLittleText, type LinkedInAdapterConfig } from "../../src/networks/linkedin";
import type { AccountAuth, NetworkAdapter } from "../../src/types";
import { FakeLinkedInServer, LINKEDIN_APP, linkedInError } from "../fakes/linkedin-server";
import { expectNetworkError, image, request, video } from "./support";

describe("LinkedIn adapter against a fake LinkedIn REST API", () => {
  const fake = new FakeLinkedInServer();
  let adapter: NetworkAdapter;
  let member: AccountAuth;
  let organization: AccountAuth;

  const configFor = (extra: Partial<LinkedInAdapterConfig> = {}): LinkedInAdapterConfig => ({
    clientId: LINKEDIN_APP.id,
    clientSecret: LINKEDIN_APP.secret,
    apiBaseUrl: fake.baseUrl,
    authBaseUrl: fake.baseUrl,
    timeoutMs: 2000,
    pollIntervalMs: 5,
    mode: "organization",
    ...extra,
  });

  /** What the browser does: open the consent URL and follow LinkedIn's redirect back. */
  async function consent(url: string): Promise<URLSearchParams> {
    const answer = await fetch(url, { redirect: "manual" });
    expect(answer.status).toBe(303);
    return new URL(answer.headers.get("location") ?? "").searchParams;
  }

  beforeAll(async () => {
    await fake.start();
    adapter = createLinkedInAdapter(configFor());
    const { tokens } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
    member = { accessToken: tokens.accessToken, externalId: "urn:li:person:782bbtaQ", metadata: { kind: "member" } };
    organization = { accessToken: tokens.accessToken, externalId: "urn:li:organization:555", metadata: { kind: "organization" } };
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    fake.mode = "organization";
    fake.finderLagMs = 0;
  });

  describe("two app modes, one per LinkedIn app", () => {
    it("a member app asks for openid profile w_member_social only; an organization app for the Community Management scopes only", () => {
      const scopesOf = (a: NetworkAdapter) => new URL(a.authorizationUrl({ state: "st", codeChallenge: "c", redirectUri: "https://app.example/cb" })).searchParams.get("scope");
      expect(scopesOf(createLinkedInAdapter(configFor({ mode: "member" })))).toBe("openid profile w_member_social");
      expect(scopesOf(adapter)).toBe("r_basicprofile w_member_social w_organization_social r_organization_social rw_organization_admin");
      // Member is the default: it is what a self-serve app can have.
      expect(scopesOf(createLinkedInAdapter({ clientId: "id", clientSecret: "s" }))).toBe("openid profile w_member_social");
      const real = new URL(createLinkedInAdapter({ clientId: "id", clientSecret: "s" }).authorizationUrl({ state: "s", codeChallenge: "c", redirectUri: "https://a/cb" }));
      expect(real.origin + real.pathname).toBe("https://www.linkedin.com/oauth/v2/authorization");
      expect(real.searchParams.get("response_type")).toBe("code");
      expect(real.searchParams.get("state")).toBe("s");
    });

    it("each mode's consent passes on its own kind of app, and one scope the app lacks refuses the whole consent", async () => {
      const memberAdapter = createLinkedInAdapter(configFor({ mode: "member" }));
      const redirectUri = "https://app.example/cb";
      fake.mode = "member";
      expect((await consent(memberAdapter.authorizationUrl({ state: "m", codeChallenge: "c", redirectUri }))).get("code")).toMatch(/^li-code-/);
      const refused = await consent(adapter.authorizationUrl({ state: "o", codeChallenge: "c", redirectUri }));
      expect(refused.get("error")).toBe("unauthorized_scope_error");
      expect(refused.get("error_description")).toBe('Scope "r_basicprofile" is not authorized for your application');
      expect(refused.get("code")).toBeNull();
      fake.mode = "organization";
      expect((await consent(adapter.authorizationUrl({ state: "o", codeChallenge: "c", redirectUri }))).get("code")).toMatch(/^li-code-/);
      expect((await consent(memberAdapter.authorizationUrl({ state: "m", codeChallenge: "c", redirectUri }))).get("error")).toBe("unauthorized_scope_error");
    });

    it("member mode: identity from OpenID userinfo, only the member is offered, no refresh token", async () => {
      fake.mode = "member";
      const memberAdapter = createLinkedInAdapter(configFor({ mode: "member" }));
      const code = (await consent(memberAdapter.authorizationUrl({ state: "m", codeChallenge: "c", redirectUri: "https://app.example/cb" }))).get("code") ?? "";
      const { tokens, profiles } = await memberAdapter.exchangeCode({ code, codeVerifier: "unused", redirectUri: "https://app.example/cb" });
      expect(profiles).toEqual([{ externalId: "urn:li:person:782bbtaQ", name: "Maria Baker", avatarUrl: "https://media.licdn.com/maria.jpg", metadata: { kind: "member" } }]);
      expect(tokens.refreshToken).toBeNull();
      expect(tokens.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
      expect(fake.requestsTo("GET", /^\/v2\/me$/)).toHaveLength(0);
      // A member app cannot list organizations: it does not ask (and collect a 403).
      expect(fake.requestsTo("GET", /organizationAcls/)).toHaveLength(0);
    });

    it("organization mode: identity from /v2/me (no OpenID on a Community Management app), the member and the pages they administer", async () => {
      const code = (await consent(adapter.authorizationUrl({ state: "o", codeChallenge: "c", redirectUri: "https://app.example/cb" }))).get("code") ?? "";
      const { tokens, profiles } = await adapter.exchangeCode({ code, codeVerifier: "unused", redirectUri: "https://app.example/cb" });
      expect(tokens).toEqual(expect.objectContaining({ refreshToken: expect.stringMatching(/^li-refresh-/), scopes: expect.arrayContaining(["w_organization_social", "r_basicprofile"]) }));
      expect(tokens.refreshTokenExpiresAt).toBeInstanceOf(Date);
      expect(profiles).toEqual([
        { externalId: "urn:li:person:782bbtaQ", name: "Maria Baker", handle: "mariabaker", metadata: { kind: "member" } },
        // The ANALYST role on organization 666 cannot post.
        expect.objectContaining({ externalId: "urn:li:organization:555", name: "Corner Bakery Inc.", handle: "corner-bakery", metadata: { kind: "organization" } }),
      ]);
      expect(fake.requestsTo("GET", /^\/v2\/userinfo$/)).toHaveLength(0);
      const tokenCall = fake.requestsTo("POST", /accessToken$/)[0];
      expect(tokenCall?.body).toEqual(expect.objectContaining({ grant_type: "authorization_code", code, redirect_uri: "https://app.example/cb" }));
      await expectNetworkError(adapter.exchangeCode({ code: "used-code", codeVerifier: "", redirectUri: "https://app.example/cb" }), { code: "INVALID_CONTENT", message: /authorization code expired/ });
    });
  });

  describe("tokens", () => {
    it("refreshes with the (unrotated) refresh token, which keeps its original end; a revoked one means reconnect", async () => {
      const { tokens } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
      const refreshToken = tokens.refreshToken ?? "";
      fake.advance(30 * 86_400_000);
      const renewed = await adapter.refreshToken(refreshToken);
      expect(renewed.accessToken).toMatch(/^li-access-/);
      expect(renewed.refreshToken).toBe(refreshToken);
      // 365 days from connecting, not from this refresh.
      expect(renewed.refreshTokenExpiresAt?.getTime()).toBeLessThan(Date.now() + 336 * 86_400_000);
      await expectNetworkError(adapter.refreshToken("revoked"), { code: "AUTH_EXPIRED", retryable: false, message: "The provided authorization grant or refresh token is invalid, expired or revoked." });
    });

    it("access tokens end after 60 days", async () => {
      const { tokens } = await adapter.exchangeCode({ code: "good-code", codeVerifier: "unused", redirectUri: "https://app.example/cb" });
      fake.advance(61 * 86_400_000);
      await expectNetworkError(adapter.publish({ ...organization, accessToken: tokens.accessToken }, request("too late")), { code: "AUTH_EXPIRED", status: 401, message: "Invalid access token" });
    });
  });

  describe("API version", () => {
    it("pins a version LinkedIn serves, sends it on every REST call, and lets the deployment choose another", async () => {
      expect(LINKEDIN_VERSION).toBe("202607");
      expect(linkedInVersionProblem(LINKEDIN_VERSION, new Date("2026-12-02T00:00:00Z"))).toBeNull();
      await adapter.publish(organization, request("Versioned"));
      expect(fake.requestsTo("POST", /^\/rest\/posts$/)[0]?.headers["linkedin-version"]).toBe(LINKEDIN_VERSION);
      const chosen = createLinkedInAdapter(configFor({ apiVersion: "202603" }));
      await chosen.publish(organization, request("Chosen version"));
      expect(fake.requestsTo("POST", /^\/rest\/posts$/).at(-1)?.headers["linkedin-version"]).toBe("202603");
    });

    it("refuses at configuration a version that cannot exist or is long sunset", () => {
      const now = new Date("2026-12-02T00:00:00Z");
      expect(linkedInVersionProblem("2026-07", now)).toMatch(/YYYYMM/);
      expect(linkedInVersionProblem("202613", now)).toMatch(/YYYYMM/);
      expect(linkedInVersionProblem("202701", now)).toMatch(/future/);
      // A year and its sunset month: 202512 still passes on 2026-12-02; 202511 (sunset 2026-11-16) does not.
      expect(linkedInVersionProblem("202512", now)).toBeNull();
      expect(linkedInVersionProblem("202511", now)).toMatch(/no longer served/);
      expect(() => createLinkedInAdapter(configFor({ apiVersion: "202401" }))).toThrow(/202401 is more than a year old/);
    });

    it("an inactive version (426 on every call) is the deployment's problem: never a reconnect, never retried", async () => {
      // 202512 looks plausible, but LinkedIn released no such version.
      const stale = createLinkedInAdapter(configFor({ apiVersion: "202512", now: () => new Date("2026-12-02T00:00:00Z") }));
      const error = await expectNetworkError(stale.publish(organization, request("x")), { code: "UNKNOWN", retryable: false, status: 426 });
      expect(error.message).toMatch(/^Requested version 20251201 is not active — .*administrator needs to update it/);
    });
  });

  it("publishes text as little text with hashtags, sends the versioned headers and a first comment", async () => {
    const sent = request("Fresh (warm) bread #sourdough @ 7am", [], "Order: https://bakery.example");
    const result = await adapter.publish(organization, sent);
    expect(result.externalId).toMatch(/^urn:li:share:\d+$/);
    expect(result.url).toBe(`https://www.linkedin.com/feed/update/${result.externalId}/`);
    expect(result.firstCommentId).toBe(`urn:li:comment:(${result.externalId},7100000)`);
    const post = fake.requestsTo("POST", /^\/rest\/posts$/)[0];
    expect(post?.headers["x-restli-protocol-version"]).toBe("2.0.0");
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

  it("verifies, measures, lists comments and deletes organization posts", async () => {
    const { externalId } = await adapter.publish(organization, request("Find this #post"));
    expect(await adapter.fetchPost(organization, externalId)).toEqual({ live: true, url: `https://www.linkedin.com/feed/update/${externalId}/` });

    fake.stats.set(externalId, { impressionCount: 800, uniqueImpressionsCount: 600, clickCount: 40, likeCount: 25, commentCount: 3, shareCount: 2 });
    expect(await adapter.fetchMetrics(organization, externalId)).toEqual({ impressions: 800, reach: 600, likes: 25, comments: 3, shares: 2, clicks: 40 });
    expect(fake.requestsTo("GET", /organizationalEntityShareStatistics/)[0]?.query.get("shares")).toBe(`List(${externalId})`);
    fake.stats.set("urn:li:organization:555", { impressionCount: 10_000, likeCount: 100, commentCount: 10, shareCount: 5, clickCount: 50 });
    expect(await adapter.fetchAccountMetrics(organization)).toEqual({ followers: 4321, impressions: 10_000, engagements: 165 });

    fake.addVisitorComment(externalId, "urn:li:person:abc", "Congrats!");
    expect(await adapter.fetchComments(organization, externalId)).toEqual([expect.objectContaining({ author: "urn:li:person:abc", text: "Congrats!" })]);

    await adapter.deletePost(organization, externalId);
    expect(fake.requestsTo("DELETE", /^\/rest\/posts\//)[0]?.headers["x-restli-method"]).toBe("DELETE");
    expect(await adapter.fetchPost(organization, externalId)).toEqual({ live: false });
  });

  describe("member posts cannot be read back", () => {
    it("lookups are unsupported and the reads say so without asking LinkedIn (no 403 can fail a post)", async () => {
      const { externalId } = await adapter.publish(member, request("A member post"));
      fake.reset();
      expect(await adapter.findPublished(member, request("A member post"), { createdAfter: new Date(Date.now() - 60_000) })).toEqual({ kind: "unsupported", reason: expect.stringMatching(/r_member_social/) });
      for (const read of [() => adapter.fetchPost(member, externalId), () => adapter.fetchMetrics(member, externalId), () => adapter.fetchComments(member, externalId), () => adapter.fetchAccountMetrics(member)]) {
        await expectNetworkError(read(), { code: "UNAVAILABLE", retryable: false, message: /does not let apps read a member's own posts/ });
      }
      expect(fake.requests).toHaveLength(0);
      // The fake is as strict as LinkedIn: asked anyway, it refuses.
      const direct = await fetch(`${fake.baseUrl}/rest/posts/${encodeURIComponent(externalId)}`, { headers: { authorization: `Bearer ${member.accessToken}`, "linkedin-version": LINKEDIN_VERSION, "x-restli-protocol-version": "2.0.0" } });
      expect(direct.status).toBe(403);
      // Deleting is part of w_member_social.
      await adapter.deletePost(member, externalId);
      expect(fake.posts.has(externalId)).toBe(false);
    });
  });

  describe("findPublished for organization posts", () => {
    it("has no idempotency key and a 10-minute lag window", () => {
      expect(adapter.supportsIdempotency).toBe(false);
      expect(adapter.lookupLagMs).toBe(10 * 60_000);
    });

    it("not-visible while the finder lags, then found by the exact commentary and media count", async () => {
      fake.finderLagMs = 30_000;
      const createdAfter = new Date(fake.now() - 2000);
      const bytes = Buffer.alloc(300, 2);
      const sent = request("Lag test (part 1) #bread", [image(fake.mediaUrl("l1.jpg", bytes, "image/jpeg")), image(fake.mediaUrl("l2.jpg", bytes, "image/jpeg"))]);
      const { externalId } = await adapter.publish(organization, sent);
      expect(await adapter.findPublished(organization, sent, { createdAfter })).toEqual({ kind: "not-visible" });
      fake.advance(31_000);
      expect(await adapter.findPublished(organization, sent, { createdAfter })).toEqual({ kind: "found", result: { externalId, url: `https://www.linkedin.com/feed/update/${externalId}/` } });
      expect(await adapter.findPublished(organization, { ...sent, media: sent.media.slice(0, 1) }, { createdAfter })).toEqual({ kind: "not-visible" });
      expect(await adapter.findPublished(organization, { ...sent, text: "Lag test (part 2) #bread" }, { createdAfter })).toEqual({ kind: "not-visible" });
    });

    it("never takes last week's post with the same text for this attempt's", async () => {
      fake.addOlderPost("urn:li:organization:555", toLittleText("Weekly special: rye"), 7 * 86_400_000);
      expect(await adapter.findPublished(organization, request("Weekly special: rye"), { createdAfter: new Date(fake.now() - 5000) })).toEqual({ kind: "not-visible" });
    });
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

    it("maps 500 to TRANSIENT, and a duplicate to DUPLICATE_CONTENT naming the existing post", async () => {
      fake.failNext(1, linkedInError(500, "Internal Server Error"));
      await expectNetworkError(adapter.publish(member, request("x")), { code: "TRANSIENT", retryable: true, status: 500 });
      const first = await adapter.publish(member, request("Said once"));
      await expectNetworkError(adapter.publish(member, request("Said once")), { code: "DUPLICATE_CONTENT", retryable: false, status: 422, message: `Content is a duplicate of ${first.externalId}` });
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
