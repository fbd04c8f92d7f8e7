import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openVerifiedMediaToken, serveVerifiedMedia, verifiedMediaUrl } from "../src/media/verified";
import { FakeHttpServer } from "./fakes/http-fake";

const APP = "https://app.example.com";
const key = randomBytes(32);
const tokenOf = (url: string) => url.slice(`${APP}/api/media/verified/`.length);

describe("verified media URLs (the app's own route for networks that pull from verified prefixes)", () => {
  it("leaves files the app already serves alone and signs the rest, expiring", () => {
    const local = `${APP}/api/media/3f1b6c1e-2d4a-4c8e-9b7a-1a2b3c4d5e6f/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d-a.jpg`;
    expect(verifiedMediaUrl(local, { appUrl: `${APP}/`, key })).toBe(local);
    const now = new Date("2026-12-02T09:00:00Z");
    const signed = verifiedMediaUrl("https://abc.ufs.sh/f/key1", { appUrl: APP, key, now, ttlSeconds: 3600 });
    expect(signed.startsWith(`${APP}/api/media/verified/`)).toBe(true);
    expect(openVerifiedMediaToken(tokenOf(signed), { key, now })).toBe("https://abc.ufs.sh/f/key1");
    expect(openVerifiedMediaToken(tokenOf(signed), { key, now: new Date(now.getTime() + 3601_000) })).toBeNull();
    expect(openVerifiedMediaToken(tokenOf(signed), { key: randomBytes(32), now })).toBeNull();
  });

  it("refuses a token whose URL was swapped, or that is not one at all", () => {
    const signed = tokenOf(verifiedMediaUrl("https://abc.ufs.sh/f/key1", { appUrl: APP, key }));
    const [, signature] = signed.split(".");
    const swapped = `${Buffer.from(JSON.stringify({ u: "https://evil.example/x", e: 9_999_999_999 })).toString("base64url")}.${signature}`;
    expect(openVerifiedMediaToken(swapped, { key })).toBeNull();
    for (const junk of ["", "abc", "a.b", `${"a".repeat(5000)}.${signature}`]) expect(openVerifiedMediaToken(junk, { key })).toBeNull();
  });

  describe("the route's handler", () => {
    const store = new FakeHttpServer();
    let photoUrl = "";
    let textUrl = "";
    const options = { key, hosts: [/^127\.0\.0\.1$/], allowHttp: true };
    const get = (token: string, init: RequestInit = {}) => serveVerifiedMedia(new Request(`${APP}/api/media/verified/${token}`, init), token, options);
    const tokenFor = (url: string) => tokenOf(verifiedMediaUrl(url, { appUrl: APP, key }));

    beforeAll(async () => {
      await store.start();
      photoUrl = store.mediaUrl("cake.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "image/jpeg");
      textUrl = store.mediaUrl("page.html", Buffer.from("<script>alert(1)</script>"), "text/html");
      store.on("GET", "/redirect-out", () => ({ status: 302, headers: { location: "https://evil.example/cake.jpg" } }));
      store.on("GET", "/redirect-in", () => ({ status: 302, headers: { location: photoUrl } }));
    });
    afterAll(() => store.stop());

    it("streams an image from its store with safe headers", async () => {
      const answer = await get(tokenFor(photoUrl));
      expect(answer.status).toBe(200);
      expect(answer.headers.get("content-type")).toBe("image/jpeg");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      expect(Buffer.from(await answer.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
      const head = await get(tokenFor(photoUrl), { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe("");
    });

    it("follows a store's redirect only to a store host", async () => {
      expect((await get(tokenFor(`${store.baseUrl}/redirect-in`))).status).toBe(200);
      expect((await get(tokenFor(`${store.baseUrl}/redirect-out`))).status).toBe(404);
    });

    it("answers 404 for anything but an image or video from a store host under a valid token", async () => {
      expect((await get(tokenFor(textUrl))).status).toBe(404);
      expect((await get(tokenFor(`${store.baseUrl}/media/missing.jpg`))).status).toBe(404);
      expect((await get("forged.token")).status).toBe(404);
      // With the default hosts (uploadthing's), a local address is never fetched.
      const strict = await serveVerifiedMedia(new Request(`${APP}/x`), tokenFor(photoUrl), { key });
      expect(strict.status).toBe(404);
    });
  });
});
