import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";
import { freshLink, freshPage } from "../procedure-cases/links";
import { handleConsent, handleLinkRedirect } from "../../src/services/lead-capture/public-links";
import { PEER_ADDRESS_HEADER } from "../../src/client-ip";
import { CONSENT_COOKIE, VISITOR_COOKIE } from "../../src/services/lead-capture/visitor";

/**
 * The public /r/{code} redirect and the consent endpoint, as the marketing site's route handlers
 * call them: isolation (a code reaches only its own organization's link), 404s, UTM merge, open
 * redirect safety, QR visits, dedupe, bots, no raw IP stored, the attribution cookie and consent.
 */
const BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const IP = "203.0.113.77";

let a: Tenant;
let b: Tenant;
beforeAll(async () => {
  a = await createTenant("redirect-a");
  b = await createTenant("redirect-b");
  // A: consent not needed (a US business); B: needs consent (its setting).
  await systemDb().organization.update({ where: { id: a.id }, data: { country: "US" } });
  await systemDb().leadCaptureSettings.create({ data: { organizationId: b.id, attributionNeedsConsent: true } });
});
afterAll(async () => {
  await deleteTenant(a);
  await deleteTenant(b);
});

function get(path: string, init: { ua?: string; ip?: string; cookie?: string; referer?: string; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers({ "user-agent": init.ua ?? BROWSER, [PEER_ADDRESS_HEADER]: init.ip ?? IP, ...(init.headers ?? {}) });
  if (init.cookie) headers.set("cookie", init.cookie);
  if (init.referer) headers.set("referer", init.referer);
  return new Request(`https://go.example${path}`, { headers });
}

async function follow(code: string, query = "", init?: Parameters<typeof get>[1]): Promise<Response> {
  return handleLinkRedirect(get(`/r/${code}${query}`, init), code);
}

const visitsOf = (orgId: string, linkId: string) => systemDb().visit.findMany({ where: { organizationId: orgId, linkId }, orderBy: { occurredAt: "asc" } });

describe("/r/{code}", () => {
  it("redirects 302 to the destination with the link's UTM merged in: its own query kept, hostile values encoded", async () => {
    const link = await freshLink(a, { url: "https://shop.example/bread?ref=poster&utm_source=old#menu", utm: { source: "window & <script>", medium: "print", campaign: "a=b&c=d" } });
    const response = await follow(link.code);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("https://shop.example/bread");
    expect(location.hash).toBe("#menu");
    expect(location.searchParams.get("ref")).toBe("poster");
    expect(location.searchParams.getAll("utm_source")).toEqual(["window & <script>"]);
    expect(location.searchParams.get("utm_campaign")).toBe("a=b&c=d");
    expect(location.searchParams.has("c")).toBe(false);
    expect(response.headers.get("location")).not.toMatch(/<script>/);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("sends a page destination to /p/{orgSlug}/{pageSlug} on the site itself", async () => {
    const pageId = await freshPage(a);
    const page = await systemDb().landingPage.findFirstOrThrow({ where: { organizationId: a.id, id: pageId } });
    const link = await freshLink(a, { pageId, utm: { source: "flyer" } });
    const response = await follow(link.code);
    expect(response.headers.get("location")).toBe(`/p/${a.slug}/${page.slug}?utm_source=flyer`);
    const [visit] = await visitsOf(a.id, link.id);
    expect(visit).toMatchObject({ kind: "LINK", pageId, landingUrl: `https://go.example/p/${a.slug}/${page.slug}?utm_source=flyer` });
  });

  it("answers 404 for unknown and malformed codes, archived links, deleted pages and organizations that are not live", async () => {
    expect((await follow("nope-never-claimed")).status).toBe(404);
    expect((await handleLinkRedirect(get("/r/x"), "../../etc")).status).toBe(404);
    expect((await handleLinkRedirect(get("/r/x"), "a".repeat(300))).status).toBe(400);
    expect((await handleLinkRedirect(get("/r/x"), "abc\u0000def")).status).toBe(400);
    expect((await handleLinkRedirect(get("/r/x"), "abc\ndef")).status).toBe(400);
    expect((await handleLinkRedirect(get("/r/x"), "<script>")).status).toBe(404);
    const archived = await freshLink(a, { archived: true });
    expect((await follow(archived.code)).status).toBe(404);
    const pageId = await freshPage(a);
    const gone = await freshLink(a, { pageId });
    await systemDb().landingPage.update({ where: { organizationId_id: { organizationId: a.id, id: pageId } }, data: { deletedAt: new Date() } });
    expect((await follow(gone.code)).status).toBe(404);
    const t = await createTenant("redirect-suspended");
    try {
      const link = await freshLink(t);
      expect((await follow(link.code)).status).toBe(302);
      await systemDb().organization.update({ where: { id: t.id }, data: { status: "SUSPENDED" } });
      expect((await follow(link.code)).status).toBe(404);
    } finally {
      await deleteTenant(t);
    }
    expect(await systemDb().visit.count({ where: { linkId: archived.id } })).toBe(0);
  });

  it("isolation: a code reaches only its own organization's link, whatever the request says; the visit lands in that organization", async () => {
    const mine = await freshLink(a, { url: "https://a.example/" });
    const theirs = await freshLink(b, { url: "https://b.example/" });
    // A link row of B's that names A's code (impossible through the API) is never what A's code opens.
    const response = await follow(mine.code, `?org=${b.id}&link=${theirs.id}`, { headers: { "x-organization-id": b.id } });
    expect(new URL(response.headers.get("location") ?? "").host).toBe("a.example");
    expect(await systemDb().visit.count({ where: { organizationId: a.id, linkId: mine.id } })).toBe(1);
    expect(await systemDb().visit.count({ where: { organizationId: b.id } })).toBe(0);
    // A routing row pointing at a link id the organization does not have: 404, not somebody else's link.
    await systemDb().linkCode.create({ data: { code: `cross-${mine.code}`, organizationId: a.id, linkId: theirs.id } });
    expect((await follow(`cross-${mine.code}`)).status).toBe(404);
  });

  it("records ?qr=1 as a QR visit and never passes the marker on", async () => {
    const link = await freshLink(a, { url: "https://shop.example/?qr=keep-mine-out" });
    const response = await follow(link.code, "?qr=1", { ip: "198.51.100.1" });
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.searchParams.getAll("qr")).toEqual(["keep-mine-out"]);
    const plain = await follow(link.code, "", { ip: "198.51.100.2" });
    expect(new URL(plain.headers.get("location") ?? "").search).not.toMatch(/qr=1/);
    expect((await visitsOf(a.id, link.id)).map((v) => v.kind).sort()).toEqual(["LINK", "QR"]);
  });

  it("counts a visitor once per link and hour, does not count bots (still redirected), and stores no raw IP anywhere", async () => {
    const link = await freshLink(a);
    const ip = "192.0.2.123";
    for (let i = 0; i < 3; i++) expect((await follow(link.code, "", { ip, referer: "https://news.example/story?id=secret#x" })).status).toBe(302);
    expect((await follow(link.code, "", { ip, ua: "Googlebot/2.1 (+http://www.google.com/bot.html)" })).status).toBe(302);
    expect((await follow(link.code, "", { ip, ua: "" })).status).toBe(302);
    const visits = await visitsOf(a.id, link.id);
    expect(visits).toHaveLength(1);
    const [visit] = visits;
    expect(visit?.referrer).toBe("https://news.example/story");
    expect(visit?.visitorKey).toMatch(/^[0-9a-f]{64}$/);
    const raw = await systemDb().$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM visits WHERE link_id = '${link.id}'`);
    expect(JSON.stringify(raw)).not.toContain(ip);
    expect(JSON.stringify(raw)).not.toContain("192.0.2");
    // Another browser (user agent) at the same IP is another visitor.
    await follow(link.code, "", { ip, ua: `${BROWSER} Other` });
    expect(await visitsOf(a.id, link.id)).toHaveLength(2);
  });

  it("stops counting one IP past its allowance (visitsPerIp) but keeps redirecting it", async () => {
    const { RATE_LIMIT_POLICIES } = await import("../../src/rate-limit/policies");
    const link = await freshLink(a);
    const allowance = RATE_LIMIT_POLICIES.visitsPerIp.limit;
    for (let i = 0; i < allowance + 5; i++) expect((await follow(link.code, "", { ip: "198.51.100.200", ua: `${BROWSER} n${i}` })).status).toBe(302);
    expect(await systemDb().visit.count({ where: { organizationId: a.id, linkId: link.id } })).toBe(allowance);
  });

  it("believes a country header only when it is the configured trusted one", async () => {
    const { countryFrom } = await import("../../src/services/lead-capture/visits");
    const headers = new Headers({ "cf-ipcountry": "de", "x-vercel-ip-country": "FR" });
    expect(countryFrom(headers, undefined)).toBeNull();
    expect(countryFrom(headers, "cf-ipcountry")).toBe("DE");
    expect(countryFrom(new Headers({ "cf-ipcountry": "XX" }), "cf-ipcountry")).toBeNull();
    expect(countryFrom(new Headers({ "cf-ipcountry": "<b>" }), "cf-ipcountry")).toBeNull();
  });
});

describe("the attribution cookie and consent", () => {
  it("sets mg_vid (HttpOnly, SameSite=Lax, Secure on https, a year) where no consent is needed, and reuses it", async () => {
    const link = await freshLink(a);
    const first = await follow(link.code, "", { ip: "192.0.2.10" });
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(new RegExp(`^${VISITOR_COOKIE}=[A-Za-z0-9_-]{22}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly; Secure$`));
    const id = cookie.split(";")[0]?.split("=")[1] ?? "";
    const [visit] = await visitsOf(a.id, link.id);
    expect(visit?.visitorId).toBe(id);
    const again = await follow(link.code, "", { ip: "192.0.2.11", cookie: `${VISITOR_COOKIE}=${id}` });
    expect(again.headers.get("set-cookie")).toBeNull();
    expect((await visitsOf(a.id, link.id)).map((v) => v.visitorId)).toEqual([id, id]);
  });

  it("where consent is needed: no cookie and no id until the visitor accepts; accepting adopts today's visits of that browser", async () => {
    const link = await freshLink(b);
    const ip = "192.0.2.20";
    const before = await follow(link.code, "?qr=1", { ip });
    expect(before.headers.get("set-cookie")).toBeNull();
    expect((await visitsOf(b.id, link.id)).map((v) => v.visitorId)).toEqual([null]);

    const accept = await handleConsent(
      new Request("https://go.example/c/consent", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER, [PEER_ADDRESS_HEADER]: ip },
        body: new URLSearchParams({ org: b.id, decision: "accept", return: "/p/somewhere?x=1" }),
      }),
    );
    expect(accept.status).toBe(303);
    expect(accept.headers.get("location")).toBe("/p/somewhere?x=1");
    const cookies = accept.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith(`${CONSENT_COOKIE}=`))).toContain(`a:${b.id}`);
    const vid = cookies.find((c) => c.startsWith(`${VISITOR_COOKIE}=`))?.split(";")[0]?.split("=")[1] ?? "";
    expect(vid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await visitsOf(b.id, link.id)).map((v) => v.visitorId)).toEqual([vid]);

    // With consent recorded, the next visit carries the id.
    const cookie = `${VISITOR_COOKIE}=${vid}; ${CONSENT_COOKIE}=a:${b.id}`;
    await follow(link.code, "", { ip: "192.0.2.21", cookie });
    expect((await visitsOf(b.id, link.id)).map((v) => v.visitorId)).toEqual([vid, vid]);
    // A's acceptance is not B's: a cookie accepted for another organization is not used here.
    await follow(link.code, "", { ip: "192.0.2.22", cookie: `${VISITOR_COOKIE}=${vid}; ${CONSENT_COOKIE}=a:${a.id}` });
    expect((await visitsOf(b.id, link.id)).at(-1)?.visitorId).toBeNull();
  });

  it("isolation: accepting for B adopts B's visits of this browser only, never A's", async () => {
    const ip = "192.0.2.60";
    const linkA = await freshLink(a);
    const linkB = await freshLink(b);
    // A needs no consent: its visit has an id of its own; make one without, as a visit before consent would be.
    await follow(linkA.code, "", { ip });
    await systemDb().visit.updateMany({ where: { organizationId: a.id, linkId: linkA.id }, data: { visitorId: null } });
    await follow(linkB.code, "", { ip });
    const accept = await handleConsent(
      new Request("https://go.example/c/consent", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER, [PEER_ADDRESS_HEADER]: ip },
        body: new URLSearchParams({ org: b.id, decision: "accept", organizationId: a.id, linkId: linkA.id }),
      }),
    );
    expect(accept.status).toBe(303);
    expect((await visitsOf(b.id, linkB.id)).map((v) => v.visitorId === null)).toEqual([false]);
    expect((await visitsOf(a.id, linkA.id)).map((v) => v.visitorId)).toEqual([null]);
  });

  it("declining records the decision and sets no id; the JSON flavour answers 204", async () => {
    const response = await handleConsent(
      new Request("https://go.example/c/consent", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", [PEER_ADDRESS_HEADER]: IP },
        body: new URLSearchParams({ org: b.id, decision: "decline" }),
      }),
    );
    expect(response.status).toBe(204);
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toContain(`d:${b.id}`);
  });

  it("refuses hostile consent requests: other origins to return to, bad ids, oversize bodies (400); unknown organizations 404", async () => {
    const post = (body: Record<string, string> | string) =>
      handleConsent(new Request("https://go.example/c/consent", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: typeof body === "string" ? body : new URLSearchParams(body) }));
    for (const ret of ["https://evil.example/", "//evil.example/", "/\\evil.example", "/ok\u0000", "javascript:alert(1)"]) {
      expect((await post({ org: b.id, decision: "accept", return: ret })).status, ret).toBe(400);
    }
    expect((await post({ org: "not-a-uuid", decision: "accept" })).status).toBe(400);
    expect((await post({ org: b.id, decision: "maybe" })).status).toBe(400);
    expect((await post(`org=${b.id}&decision=accept&pad=${"x".repeat(5000)}`)).status).toBe(400);
    expect((await post({ org: "00000000-0000-4000-8000-000000000000", decision: "accept" })).status).toBe(404);
  });
});

describe("the pieces the page renderer and the form intake use", () => {
  it("consentBannerHtml: works as a plain form, escapes the organization's name and the return path, carries the nonce, stays small", async () => {
    const { consentBannerHtml } = await import("../../src/services/lead-capture/visitor");
    const html = consentBannerHtml({ orgId: b.id, orgName: `Evil "><script>alert(1)</script>`, returnTo: `/p/x?a="><img src=x>`, nonce: "abc123" });
    expect(html).toContain('<form id="mg-consent" method="post" action="/c/consent"');
    expect(html).toContain(`name="org" value="${b.id}"`);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).not.toContain('"><img');
    expect(html).toContain('<script nonce="abc123">');
    expect(Buffer.byteLength(html)).toBeLessThan(3000);
  });

  it("visitorIdFromCookie gives the id only where the organization may use it", async () => {
    const { visitorIdFromCookie } = await import("../../src/services/lead-capture/visitor");
    const id = "AbCdEfGhIjKlMnOpQrStUv";
    expect(visitorIdFromCookie(`${VISITOR_COOKIE}=${id}`, a.id, false)).toBe(id);
    expect(visitorIdFromCookie(`${VISITOR_COOKIE}=${id}`, b.id, true)).toBeNull();
    expect(visitorIdFromCookie(`${VISITOR_COOKIE}=${id}; ${CONSENT_COOKIE}=a:${b.id}`, b.id, true)).toBe(id);
    expect(visitorIdFromCookie(`${VISITOR_COOKIE}=${id}; ${CONSENT_COOKIE}=d:${b.id}`, b.id, true)).toBeNull();
    expect(visitorIdFromCookie(`${VISITOR_COOKIE}=<script>`, a.id, false)).toBeNull();
    expect(visitorIdFromCookie(null, a.id, false)).toBeNull();
  });

  it("attributionNeedsConsent: the setting when there is one; else EU/EEA/UK/CH and unknown countries need it", async () => {
    const { withOrg } = await import("@mg/db");
    const { attributionNeedsConsent } = await import("../../src/services/lead-capture/visitor");
    expect(await withOrg(b.id, (db) => attributionNeedsConsent(db, { country: "US" }))).toBe(true);
    expect(await withOrg(a.id, (db) => attributionNeedsConsent(db, { country: "US" }))).toBe(false);
    expect(await withOrg(a.id, (db) => attributionNeedsConsent(db, { country: "DE" }))).toBe(true);
    expect(await withOrg(a.id, (db) => attributionNeedsConsent(db, { country: "GB" }))).toBe(true);
    expect(await withOrg(a.id, (db) => attributionNeedsConsent(db, { country: null }))).toBe(true);
  });

  it("recordVisit serves landing pages too: PAGE visits deduplicated per page and hour, UTM from the URL", async () => {
    const { withOrg } = await import("@mg/db");
    const { recordVisit, utmFromUrl } = await import("../../src/services/lead-capture/visits");
    const pageId = await freshPage(a);
    const url = new URL("https://go.example/p/a/b?utm_source=mail&utm_medium=email&other=1");
    const visit = { kind: "PAGE" as const, pageId, ip: "192.0.2.50", userAgent: BROWSER, utm: utmFromUrl(url), landingUrl: url.toString() };
    expect(await withOrg(a.id, (db) => recordVisit(db, visit))).toEqual({ recorded: true });
    expect(await withOrg(a.id, (db) => recordVisit(db, visit))).toEqual({ recorded: false, reason: "duplicate" });
    expect(await withOrg(a.id, (db) => recordVisit(db, { ...visit, userAgent: "python-requests/2.31" }))).toEqual({ recorded: false, reason: "bot" });
    const rows = await systemDb().visit.findMany({ where: { organizationId: a.id, pageId, kind: "PAGE" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ targetKey: `page:${pageId}`, utm: { source: "mail", medium: "email" }, linkId: null });
  });
});
