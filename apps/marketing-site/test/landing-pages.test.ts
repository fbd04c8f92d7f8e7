import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "../../../packages/db/src/system";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../../../packages/api/test/fixtures";
import { GET } from "../src/app/p/[orgSlug]/[pageSlug]/route";
import { GET as THANKS } from "../src/app/p/[orgSlug]/[pageSlug]/thanks/route";
import { pageHtmlCache } from "../src/lib/landing-pages/page-cache";
import { servePublishedPage } from "../src/lib/landing-pages/serve-page";

/**
 * The public landing-page route against the real database: only published versions, only the
 * addressed organization's pages, 404/410 for unknown, unpublished, suspended and deleted,
 * HTML cached per version and replaced by the next publish, hostile text inert, headers.
 */
let a: Tenant;
let b: Tenant;
const owner = (t: Tenant) => callerFor(t.users.OWNER, t.slug);
const get = (orgSlug: string, pageSlug: string, headers: Record<string, string> = {}) =>
  GET(new Request(`http://localhost:3001/p/${orgSlug}/${pageSlug}`, { headers }), { params: Promise.resolve({ orgSlug, pageSlug }) });

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("lp-a"), createTenant("lp-b")]);
});
afterAll(async () => {
  await Promise.all([deleteTenant(a), deleteTenant(b)]);
});

async function publishedPage(t: Tenant, slug: string, templateKey = "bakery") {
  const page = await owner(t).pages.create({ name: slug, slug, templateKey });
  await owner(t).pages.publish({ pageId: page.id });
  return page;
}

describe("GET /p/{orgSlug}/{pageSlug}", () => {
  it("serves the published version as static HTML with the site's security headers and a hash CSP", async () => {
    await publishedPage(a, "holiday", "agency");
    const res = await get(a.slug, "holiday");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-src https://www.youtube-nocookie.com https://player.vimeo.com");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    expect(html).toContain("<h1>More qualified leads in 90 days</h1>");
    expect(html).not.toContain("_next");
    const js = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + gzipSync(m[1] ?? "").length, 0);
    expect(js).toBeLessThan(20 * 1024);
    expect(html).toContain(`<link rel="canonical" href="http://localhost:3001/p/${a.slug}/holiday"/>`);
  });

  it("isolation: org A's slug with org B's page slug is 404; B's page stays B's", async () => {
    await publishedPage(b, "only-in-b", "clinic");
    expect((await get(a.slug, "only-in-b")).status).toBe(404);
    const res = await get(b.slug, "only-in-b");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(b.name);
    expect(html).not.toContain(a.name);
  });

  it("404 for unknown, unpublished, deleted pages and hostile addresses", async () => {
    const draft = await owner(a).pages.create({ name: "Draft only", slug: "draft-only" });
    expect((await get(a.slug, "draft-only")).status).toBe(404);
    expect((await get(a.slug, "nope")).status).toBe(404);
    expect((await get("no-such-org-anywhere", "holiday")).status).toBe(404);
    expect((await get(a.slug, "<script>")).status).toBe(404);
    expect((await get("A'; DROP TABLE x;--", "holiday")).status).toBe(404);
    const live = await publishedPage(a, "to-unpublish");
    expect((await get(a.slug, "to-unpublish")).status).toBe(200);
    await owner(a).pages.unpublish({ pageId: live.id });
    expect((await get(a.slug, "to-unpublish")).status).toBe(404);
    const removed = await publishedPage(a, "to-delete");
    await owner(a).pages.delete({ pageId: removed.id });
    expect((await get(a.slug, "to-delete")).status).toBe(404);
    expect(draft.id).toBeTruthy();
  });

  it("a suspended organization answers 404, a deleted one 410", async () => {
    const t = await createTenant("lp-gone");
    try {
      await publishedPage(t, "promo");
      expect((await get(t.slug, "promo")).status).toBe(200);
      await systemDb().organization.update({ where: { id: t.id }, data: { status: "SUSPENDED" } });
      expect((await get(t.slug, "promo")).status).toBe(404);
      await systemDb().organization.update({ where: { id: t.id }, data: { status: "ACTIVE", deletedAt: new Date() } });
      const gone = await get(t.slug, "promo");
      expect(gone.status).toBe(410);
      expect(await gone.text()).not.toContain(t.name);
    } finally {
      await deleteTenant(t);
    }
  });

  it("caches per published version: a draft edit changes nothing until republish, which serves fresh HTML", async () => {
    const page = await publishedPage(a, "cached", "restaurant");
    const first = await (await get(a.slug, "cached")).text();
    expect(first).toContain("Your table, your occasion");
    const sizeAfterFirst = pageHtmlCache.size;
    const draft = (await owner(a).pages.get({ pageId: page.id })).draft;
    const hero = draft.content[0]!;
    const edited = { ...draft, content: [{ ...hero, props: { ...hero.props, heading: "A brand new headline" } }, ...draft.content.slice(1)] };
    const { draftRevision } = await owner(a).pages.saveDraft({ pageId: page.id, draftRevision: 0, content: edited });
    const again = await (await get(a.slug, "cached")).text();
    expect(again).toBe(first);
    expect(pageHtmlCache.size).toBe(sizeAfterFirst);
    await owner(a).pages.publish({ pageId: page.id, draftRevision });
    const fresh = await (await get(a.slug, "cached")).text();
    expect(fresh).toContain("A brand new headline");
    expect(fresh).not.toContain("Your table, your occasion");
  });

  it("answers 304 to a matching ETag on pages without forms", async () => {
    await publishedPage(a, "etag-page", "clinic");
    // Clinic has a Form block, but with no form chosen it renders nothing: the page has no form.
    // A visitor who has answered the attribution consent (here: declined) gets the shared page.
    const decided = { cookie: `mg_vc=d:${a.id}` };
    const res = await get(a.slug, "etag-page", decided);
    const etag = res.headers.get("etag");
    expect(etag).toMatch(/^".+"$/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect((await get(a.slug, "etag-page", { ...decided, "if-none-match": etag ?? "" })).status).toBe(304);
  });

  it("counts the view as a PAGE visit and asks an undecided visitor for attribution consent (its script allowed by hash), privately", async () => {
    await publishedPage(a, "consent-page", "clinic");
    // The test organization has no country: consent is needed (the safe side).
    const res = await get(a.slug, "consent-page", { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="mg-consent"');
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("set-cookie")).toBeNull();
    const script = /<form id="mg-consent"[\s\S]*?<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const { createHash } = await import("node:crypto");
    expect(res.headers.get("content-security-policy")).toContain(`'sha256-${createHash("sha256").update(script).digest("base64")}'`);
    // Counted, without an attribution id (no consent yet).
    const visits = await systemDb().visit.findMany({ where: { organizationId: a.id, kind: "PAGE", landingUrl: { endsWith: "/consent-page" } }, select: { visitorId: true } });
    expect(visits).toHaveLength(1);
    expect(visits[0]?.visitorId).toBeNull();
  });

  it("hostile text in every field renders inert", async () => {
    const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
    const page = await owner(a).pages.create({ name: "Hostile", slug: "hostile" });
    await owner(a).pages.saveDraft({
      pageId: page.id,
      draftRevision: 0,
      content: {
        root: { props: { title: HOSTILE } },
        content: [
          { type: "Hero", props: { id: "h", heading: HOSTILE, subheading: HOSTILE, eyebrow: HOSTILE, ctaLabel: HOSTILE, ctaHref: "#form" } },
          { type: "Faq", props: { id: "f", heading: HOSTILE, items: [{ question: HOSTILE, answer: HOSTILE }] } },
        ],
      },
    });
    await owner(a).pages.updateSettings({ pageId: page.id, name: HOSTILE, slug: "hostile", seo: { title: HOSTILE, description: HOSTILE, socialImageUrl: "", noindex: true }, thankYou: { kind: "message", message: HOSTILE } });
    await owner(a).pages.publish({ pageId: page.id });
    const html = await (await get(a.slug, "hostile")).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    const thanks = await THANKS(new Request(`http://localhost:3001/p/${a.slug}/hostile/thanks`), { params: Promise.resolve({ orgSlug: a.slug, pageSlug: "hostile" }) });
    expect(thanks.status).toBe(200);
    const thanksHtml = await thanks.text();
    expect(thanksHtml).not.toContain("<script>alert");
    expect(thanksHtml).toContain("&lt;script&gt;");
  });

  it("renders the organization's forms with a fresh token per response, and only the page organization's forms", async () => {
    const form = await systemDb().leadForm.create({
      data: { organizationId: a.id, name: "Pre-order", slug: "pre-order", definition: { submitLabel: "Reserve", steps: [{ fields: [{ id: "email", kind: "email", label: "Email", required: true }] }] } },
    });
    const foreign = await systemDb().leadForm.create({ data: { organizationId: b.id, name: "B's secret form", slug: "b-form", definition: { submitLabel: "Leak", steps: [] } } });
    const page = await owner(a).pages.create({ name: "With form", slug: "with-form" });
    await owner(a).pages.saveDraft({
      pageId: page.id,
      draftRevision: 0,
      content: {
        root: { props: {} },
        content: [
          { type: "Form", props: { id: "f1", heading: "Reserve", formId: form.id } },
          { type: "Form", props: { id: "f2", heading: "Foreign", formId: foreign.id } },
          { type: "Form", props: { id: "f3", heading: "Foreign by slug", formId: "b-form" } },
        ],
      },
    });
    await owner(a).pages.publish({ pageId: page.id });
    let n = 0;
    const serve = () => servePublishedPage(new Request(`http://localhost:3001/p/${a.slug}/with-form`), { orgSlug: a.slug, pageSlug: "with-form" }, { formToken: () => `token-${++n}` });
    const one = await serve();
    expect(one.headers.get("cache-control")).toBe("private, no-store");
    const html1 = await one.text();
    const html2 = await (await serve()).text();
    expect(html1).toMatch(new RegExp(`<form [^>]*action="/f/submit\\?page=with-form"`));
    expect(html1).toContain('value="token-1"');
    expect(html2).toContain('value="token-2"');
    expect(html1).not.toContain("Leak");
    expect(html1).not.toContain("Foreign");
  });
});
