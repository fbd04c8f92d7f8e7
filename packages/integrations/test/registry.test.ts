import "./helpers/env";
import { randomUUID } from "node:crypto";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { authForAccount, getNetworkAdapter, listNetworks, oauthRedirectUri, setNetworkAdapterOverride, tokenColumnsFor, type NetworkAdapter } from "../src";
import { resetIntegrationsEnv } from "../src/env";
import { openVerifiedMediaToken, verifiedMediaKey } from "../src/media/verified";
import { FACEBOOK_RULES, X_RULES } from "../src/networks";
import { networkConfigurationProblems } from "../src/registry";
import type { PublishRequest } from "../src/types";
import { FakeTikTokServer, TIKTOK_APP, TIKTOK_OPEN_ID } from "./fakes/tiktok-server";
import { createPkcePair, createOAuthState } from "../src/oauth/pkce";
import { createSandboxAdapter, encodeSandboxCode, SANDBOX_RULES, sandboxExternalId, sandboxPostsFor } from "../src/sandbox";

const handle = `flow_${randomUUID().slice(0, 8)}`;

afterEach(() => {
  vi.unstubAllEnvs();
  resetIntegrationsEnv();
  for (const network of ["SANDBOX", "FACEBOOK", "INSTAGRAM", "LINKEDIN", "X", "TIKTOK"] as const) setNetworkAdapterOverride(network, null);
});

afterAll(async () => {
  await systemDb().sandboxPost.deleteMany({ where: { accountExternalId: sandboxExternalId(handle) } });
  await disconnectAll();
});

const request = () => ({ state: "s", codeChallenge: "c", redirectUri: "http://app.test:3000/cb" });

describe("network registry", () => {
  it("lists every network; without keys only the Sandbox is usable, and the others say which keys are missing (to operators only)", () => {
    const networks = listNetworks();
    expect(networks.map((n) => n.network)).toEqual(["SANDBOX", "FACEBOOK", "INSTAGRAM", "LINKEDIN", "X", "TIKTOK"]);
    expect(networks[0]).toEqual({ network: "SANDBOX", displayName: "Sandbox", configured: true, reason: null, operatorDetail: null, rules: SANDBOX_RULES });
    const byNetwork = Object.fromEntries(networks.map((n) => [n.network, n]));
    expect(byNetwork.FACEBOOK).toMatchObject({
      configured: false,
      reason: "Facebook is not available on this installation.",
      operatorDetail: "Facebook is not configured: set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET in the server environment.",
      rules: FACEBOOK_RULES,
    });
    expect(byNetwork.INSTAGRAM?.operatorDetail).toContain("FACEBOOK_APP_ID and FACEBOOK_APP_SECRET");
    expect(byNetwork.LINKEDIN?.operatorDetail).toContain("LINKEDIN_CLIENT_ID and LINKEDIN_CLIENT_SECRET");
    expect(byNetwork.X).toMatchObject({ configured: false, rules: X_RULES });
    expect(byNetwork.TIKTOK?.operatorDetail).toContain("TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET");
    // What a customer may read names no variable, no server and no command.
    for (const network of networks.filter((n) => !n.configured)) expect(network.reason).toBe(`${network.displayName} is not available on this installation.`);

    expect(() => getNetworkAdapter("X")).toThrow("X is not available on this installation.");
    expect(() => getNetworkAdapter("X")).toThrow(expect.objectContaining({ name: "NetworkUnavailableError", operatorDetail: "X is not configured: set X_CLIENT_ID and X_CLIENT_SECRET in the server environment." }));
  });

  it("names only the key that is missing, and enables a network once its keys are set, with its API URL override", () => {
    vi.stubEnv("TIKTOK_CLIENT_KEY", "key");
    vi.stubEnv("TIKTOK_CLIENT_SECRET", "");
    expect(listNetworks().find((n) => n.network === "TIKTOK")?.operatorDetail).toBe("TikTok is not configured: set TIKTOK_CLIENT_SECRET in the server environment.");

    resetIntegrationsEnv();
    vi.stubEnv("LINKEDIN_CLIENT_ID", "li-id");
    vi.stubEnv("LINKEDIN_CLIENT_SECRET", "li-secret");
    vi.stubEnv("LINKEDIN_API_URL", "http://127.0.0.1:9999");
    vi.stubEnv("FACEBOOK_APP_ID", "fb-id");
    vi.stubEnv("FACEBOOK_APP_SECRET", "fb-secret");
    const networks = listNetworks();
    expect(networks.filter((n) => n.configured).map((n) => n.network)).toEqual(["SANDBOX", "FACEBOOK", "INSTAGRAM", "LINKEDIN"]);

    const linkedin = getNetworkAdapter("LINKEDIN");
    expect(linkedin.network).toBe("LINKEDIN");
    const url = new URL(linkedin.authorizationUrl(request()));
    expect(url.origin).toBe("http://127.0.0.1:9999");
    expect(url.searchParams.get("client_id")).toBe("li-id");
    expect(getNetworkAdapter("INSTAGRAM").network).toBe("INSTAGRAM");
  });

  it("configures LinkedIn's app mode and API version from the environment, and refuses a version LinkedIn no longer serves", () => {
    vi.stubEnv("LINKEDIN_CLIENT_ID", "li-id");
    vi.stubEnv("LINKEDIN_CLIENT_SECRET", "li-secret");
    const scopes = () => new URL(getNetworkAdapter("LINKEDIN").authorizationUrl(request())).searchParams.get("scope");
    expect(scopes()).toBe("openid profile w_member_social");
    vi.stubEnv("LINKEDIN_APP_MODE", "organization");
    resetIntegrationsEnv();
    expect(scopes()).toBe("r_basicprofile w_member_social w_organization_social r_organization_social rw_organization_admin");
    expect(networkConfigurationProblems()).toEqual([]);

    vi.stubEnv("LINKEDIN_API_VERSION", "202401");
    resetIntegrationsEnv();
    const detail = "LinkedIn API version 202401 is more than a year old and no longer served (LinkedIn answers 426 to it); set LINKEDIN_API_VERSION to a current version.";
    expect(listNetworks().find((n) => n.network === "LINKEDIN")).toMatchObject({ configured: false, reason: "LinkedIn is not available on this installation.", operatorDetail: detail });
    expect(() => getNetworkAdapter("LINKEDIN")).toThrow(expect.objectContaining({ message: "LinkedIn is not available on this installation.", operatorDetail: detail }));
    expect(networkConfigurationProblems()).toEqual([`LinkedIn: ${detail}`]);

    vi.stubEnv("LINKEDIN_API_VERSION", "2026-07");
    vi.stubEnv("LINKEDIN_APP_MODE", "both");
    resetIntegrationsEnv();
    expect(() => listNetworks()).toThrow(/LINKEDIN_APP_MODE must be "member" or "organization"[\s\S]*LINKEDIN_API_VERSION must be a LinkedIn version like 202607/);
  });

  it("gives TikTok the app's own media route for photos stored elsewhere, under the verified prefix", async () => {
    const fake = new FakeTikTokServer();
    await fake.start();
    try {
      fake.verifiedPrefixes = ["http://app.test:3000/api/media/"];
      fake.processingPolls = 0;
      fake.grantToken("act.registry");
      vi.stubEnv("TIKTOK_CLIENT_KEY", TIKTOK_APP.key);
      vi.stubEnv("TIKTOK_CLIENT_SECRET", TIKTOK_APP.secret);
      vi.stubEnv("TIKTOK_API_URL", fake.baseUrl);
      const tiktok = getNetworkAdapter("TIKTOK");
      const stored = "https://abc123.ufs.sh/f/photo-key";
      const local = "http://app.test:3000/api/media/3f1b6c1e-2d4a-4c8e-9b7a-1a2b3c4d5e6f/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-cake.jpg";
      const photo = (url: string) => ({ url, mimeType: "image/jpeg", kind: "IMAGE" as const, sizeBytes: 1000 });
      const publish: PublishRequest = { text: "Cake", media: [photo(stored), photo(local)], idempotencyKey: "k", ...{ tiktok: { privacyLevel: "SELF_ONLY" } } };
      await tiktok.publish({ accessToken: "act.registry", externalId: TIKTOK_OPEN_ID, metadata: {} }, publish);
      const sent = (fake.requestsTo("POST", /content\/init/)[0]?.body.source_info as { photo_images: string[] }).photo_images;
      expect(sent[1]).toBe(local);
      expect(sent[0]).toMatch(/^http:\/\/app\.test:3000\/api\/media\/verified\/[\w-]+\.[\w-]{43}$/);
      expect(openVerifiedMediaToken(sent[0]?.slice("http://app.test:3000/api/media/verified/".length) ?? "", { key: verifiedMediaKey() })).toBe(stored);
    } finally {
      await fake.stop();
    }
  });

  it("can turn the Sandbox off, and lets tests override any adapter", () => {
    vi.stubEnv("SANDBOX_ENABLED", "0");
    expect(listNetworks()[0]).toMatchObject({ network: "SANDBOX", configured: false, reason: "Sandbox is not available on this installation.", operatorDetail: "The Sandbox network is turned off (SANDBOX_ENABLED=0)." });
    expect(() => getNetworkAdapter("SANDBOX")).toThrow(expect.objectContaining({ operatorDetail: expect.stringMatching(/turned off/) }));

    const fake: NetworkAdapter = { ...createSandboxAdapter({ appUrl: "http://fake" }), network: "X", displayName: "X (fake)" };
    setNetworkAdapterOverride("X", fake);
    expect(getNetworkAdapter("X")).toBe(fake);
    expect(listNetworks().find((n) => n.network === "X")).toMatchObject({ configured: true, reason: null, operatorDetail: null, displayName: "X (fake)" });
    setNetworkAdapterOverride("X", null);
    expect(() => getNetworkAdapter("X")).toThrow(expect.objectContaining({ operatorDetail: expect.stringMatching(/not configured/) }));
  });

  it("builds OAuth redirect URIs from APP_URL (or NEXTAUTH_URL)", () => {
    expect(oauthRedirectUri("LINKEDIN")).toBe("http://app.test:3000/api/integrations/linkedin/callback");
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("NEXTAUTH_URL", "https://mg.example.com/");
    resetIntegrationsEnv();
    expect(oauthRedirectUri("SANDBOX")).toBe("https://mg.example.com/api/integrations/sandbox/callback");
  });

  it("runs the Sandbox flow from the registry: connect, store encrypted tokens, publish exactly once", async () => {
    const sandbox = getNetworkAdapter("SANDBOX");
    const { verifier, challenge } = createPkcePair();
    const { state } = createOAuthState();
    const redirectUri = oauthRedirectUri("SANDBOX");
    const consent = new URL(sandbox.authorizationUrl({ state, codeChallenge: challenge, redirectUri }));
    expect(consent.searchParams.get("redirect_uri")).toBe(redirectUri);

    // What the consent page does: redirect back with a code for the chosen profile.
    const { tokens, profiles } = await sandbox.exchangeCode({ code: encodeSandboxCode({ name: "Flow Co", handle }), codeVerifier: verifier, redirectUri });
    const [profile] = profiles;
    if (!profile) throw new Error("no profile");
    const columns = tokenColumnsFor(tokens);
    const auth = authForAccount({ externalId: profile.externalId, accessTokenEnc: columns.accessTokenEnc, metadata: profile.metadata });

    const key = randomUUID();
    const first = await sandbox.publish(auth, { text: "Hello from the registry", media: [], idempotencyKey: key });
    const retry = await getNetworkAdapter("SANDBOX").publish(auth, { text: "Hello from the registry", media: [], idempotencyKey: key });

    expect(retry).toEqual(first);
    expect(await sandboxPostsFor(profile.externalId)).toEqual([expect.objectContaining({ externalId: first.externalId, url: `http://app.test:3000/sandbox/posts/${first.externalId}` })]);
    expect(await sandbox.fetchPost(auth, first.externalId)).toMatchObject({ live: true });
  });
});
