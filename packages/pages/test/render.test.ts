import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PAGE_TEMPLATES, brandingSchema, parsePageData, readBranding, contrastRatio, type PageData, type RenderableForm } from "../src";
import { renderPublishedPageDocument, renderThankYouPage } from "../src/render";

const org = { name: "Northwind Bakery", slug: "northwind", timezone: "Europe/Berlin" };
const seo = { title: "A page", description: "About it", socialImageUrl: "https://cdn.example.com/og.png", noindex: false };
const form: RenderableForm = {
  id: "f1",
  name: "Contact",
  revision: 1,
  submitLabel: "Send",
  consents: [],
  steps: [{ fields: [{ id: "email", kind: "email", label: "Email", required: true }] }],
};
const formContext = () => ({ action: "/f/submit", token: "tok", via: "page" as const });

/** Every <script> element in a document, with its inline body. */
function scripts(html: string): { attrs: string; body: string }[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1] ?? "", body: m[2] ?? "" }));
}
const gzipJsBytes = (html: string) => scripts(html).reduce((n, s) => n + gzipSync(s.body).length, 0);

function withForm(content: PageData): PageData {
  return { ...content, content: content.content.map((b) => (b.type === "Form" ? { ...b, props: { ...b.props, formId: "f1" } } : b)) };
}

describe("templates render to static HTML without a DOM", () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
  it.each(PAGE_TEMPLATES.map((t) => [t.key, t] as const))("%s", (_key, template) => {
    const parsed = parsePageData(template.content);
    expect(parsed.ok).toBe(true);
    const { html, missingForms } = renderPublishedPageDocument({ content: withForm(template.content), seo: template.seo, branding: {}, org, forms: { f1: form }, formContext, now: new Date("2026-12-01T00:00:00Z") });
    expect(html.startsWith("<!doctype html><html lang=\"en\"><head>")).toBe(true);
    expect(missingForms).toEqual([]);
    expect(html).toContain(`<title>${template.seo.title}</title>`);
    expect(html).toContain('<main id="main" class="mg-main">');
    expect(html.match(/<h1>/g)?.length).toBe(1);
    expect(html).toMatch(/<form [^>]*action="\/f\/submit"/);
    expect(html).toContain("--mg-primary:#1d4ed8");
    // No framework: one inline stylesheet, no external script unless a form script URL is given.
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toContain("_next");
    expect(gzipJsBytes(html)).toBeLessThan(20 * 1024);
    expect(template.content.content.length).toBeGreaterThanOrEqual(5);
  });

  it("has at least five templates from different industries", () => {
    expect(new Set(PAGE_TEMPLATES.map((t) => t.industry)).size).toBeGreaterThanOrEqual(5);
  });
});

describe("hostile text", () => {
  const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`;
  /** Replaces every string prop of every block (nested items too) except ids, enums and URLs. */
  function poison(value: unknown, key = ""): unknown {
    if (typeof value === "string") {
      if (key === "id" || key === "type" || /href|url|src|endsAt|formId|align|tone|columns|size|divider|highlighted|icon/i.test(key)) return value;
      return HOSTILE;
    }
    if (Array.isArray(value)) return value.map((v) => poison(v, key));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
    return value;
  }

  it.each(PAGE_TEMPLATES.map((t) => [t.key, t] as const))("%s: <script> in every text prop is inert", (_key, template) => {
    const content = poison(withForm(template.content)) as PageData;
    expect(parsePageData(content).ok).toBe(true);
    const { html } = renderPublishedPageDocument({
      content,
      seo: { ...seo, title: HOSTILE, description: HOSTILE },
      branding: { productName: HOSTILE },
      org: { ...org, name: HOSTILE },
      forms: { f1: form },
      formContext,
    });
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert");
    // Only our own enhancement script, if any.
    for (const s of scripts(html)) expect(s.body).not.toContain("alert");
  });

  it("refuses script URLs and control characters at the boundary, and never links them if stored", () => {
    const hero = PAGE_TEMPLATES[0]!.content.content[0]!;
    const bad = (props: Record<string, unknown>) => parsePageData({ root: { props: {} }, content: [{ ...hero, props: { ...hero.props, ...props } }] });
    expect(bad({ ctaHref: "javascript:alert(1)" }).ok).toBe(false);
    expect(bad({ ctaHref: "//evil.example" }).ok).toBe(false);
    expect(bad({ imageUrl: "http://insecure.example/a.png" }).ok).toBe(false);
    expect(bad({ heading: "a\u0000b" }).ok).toBe(false);
    expect(bad({ heading: "x".repeat(201) }).ok).toBe(false);
    expect(parsePageData({ root: { props: {} }, content: [{ type: "Script", props: { id: "a" } }] }).ok).toBe(false);
    expect(parsePageData({ root: { props: {} }, content: Array.from({ length: 151 }, (_, i) => ({ type: "Spacer", props: { id: `s${i}` } })) }).ok).toBe(false);
    // A row stored before a rule changed: the renderer still drops the link.
    const stale = { root: { props: {} }, content: [{ type: "CallToAction", props: { id: "c", heading: "Go", body: "", label: "Click", href: "javascript:alert(1)", tone: "brand" } }] } as PageData;
    const { html } = renderPublishedPageDocument({ content: stale, seo, branding: {}, org });
    expect(html).not.toContain("javascript:");
  });

  it("thank-you page escapes the message", () => {
    const html = renderThankYouPage({ message: HOSTILE, pageTitle: HOSTILE, backHref: "javascript:alert(1)", branding: {}, org });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("javascript:");
  });
});

describe("images, video, countdown, SEO, branding", () => {
  const page = (content: PageData["content"]): PageData => ({ root: { props: {} }, content });
  const img = (id: string) => ({ type: "Image" as const, props: { id, src: "https://cdn.example.com/a.jpg", srcset: "https://cdn.example.com/a-640.jpg 640w\njavascript:x 800w\nhttps://cdn.example.com/a-1280.jpg 1280w", alt: "A loaf", caption: "", width: 1280, height: 853 } });

  it("loads the first viewport eagerly and the rest lazily, with dimensions and srcset", () => {
    const { html } = renderPublishedPageDocument({ content: page([img("a"), img("b"), img("c")]), seo, branding: {}, org });
    const tags = [...html.matchAll(/<img [^>]*alt="A loaf"[^>]*>/g)].map((m) => m[0]);
    expect(tags).toHaveLength(3);
    expect(tags[0]).toContain('loading="eager"');
    expect(tags[0]).toContain('fetchpriority="high"');
    expect(tags[2]).toContain('loading="lazy"');
    for (const t of tags) {
      expect(t).toContain('width="1280"');
      expect(t).toContain('height="853"');
      expect(t).toContain('srcset="https://cdn.example.com/a-640.jpg 640w, https://cdn.example.com/a-1280.jpg 1280w"');
      expect(t).toContain("sizes=");
    }
  });

  it("a video is a poster link until clicked: no third-party iframe in the HTML", () => {
    const { html, inlineScripts } = renderPublishedPageDocument({ content: page([{ type: "Video", props: { id: "v", url: "https://youtu.be/aqz-KE-bpKQ", title: "Tour", posterUrl: "" } }]), seo, branding: {}, org });
    expect(html).not.toContain("<iframe");
    expect(html).toContain('href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"');
    expect(html).toContain('data-mg-video="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1"');
    expect(inlineScripts).toHaveLength(1);
    expect(gzipSync(inlineScripts[0]!).length).toBeLessThan(1024);
  });

  it("a countdown shows its end in the organization's zone, or the expired copy", () => {
    const block = { type: "Countdown" as const, props: { id: "c", heading: "Ends", endsAt: "2026-12-20T17:00:00Z", expiredText: "Over" } };
    const before = renderPublishedPageDocument({ content: page([block]), seo, branding: {}, org, now: new Date("2026-12-01T00:00:00Z") }).html;
    expect(before).toContain('<time datetime="2026-12-20T17:00:00.000Z">December 20, 2026 at 6:00 PM GMT+1</time>');
    expect(before).toMatch(/<p class="mg-countdown-over" hidden="" data-mg-over="">Over<\/p>/);
    const after = renderPublishedPageDocument({ content: page([block]), seo, branding: {}, org, now: new Date("2026-12-21T00:00:00Z") }).html;
    expect(after).not.toContain("<time");
    expect(after).toMatch(/<p class="mg-countdown-over" data-mg-over="">Over<\/p>/);
  });

  it("a page without countdown or video ships no script at all; a form adds the forms' script once", () => {
    const content = page([{ type: "Form", props: { id: "f", heading: "", intro: "", formId: "f1" } }, { type: "Form", props: { id: "g", heading: "", intro: "", formId: "f1" } }]);
    expect(scripts(renderPublishedPageDocument({ content, seo, branding: {}, org }).html)).toHaveLength(0);
    const html = renderPublishedPageDocument({ content, seo, branding: {}, org, forms: { f1: form }, formContext, formScriptUrl: "/p/_/forms.js" }).html;
    expect(scripts(html).map((s) => s.attrs)).toEqual([' src="/p/_/forms.js" defer=""']);
  });

  it("a missing form renders nothing and is reported", () => {
    const out = renderPublishedPageDocument({ content: page([{ type: "Form", props: { id: "f", heading: "Hello", intro: "", formId: "demo-newsletter" } }]), seo, branding: {}, org, formContext });
    expect(out.missingForms).toEqual(["demo-newsletter"]);
    expect(out.html).not.toContain("Hello");
  });

  it("writes SEO tags and noindex", () => {
    const html = renderPublishedPageDocument({ content: page([]), seo: { ...seo, noindex: true }, branding: {}, org, canonicalUrl: "https://site.example/p/northwind/x" }).html;
    expect(html).toContain('<meta name="description" content="About it"/>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(html).toContain('<meta property="og:image" content="https://cdn.example.com/og.png"/>');
    expect(html).toContain('<link rel="canonical" href="https://site.example/p/northwind/x"/>');
  });

  it("branding: validated, CSS variables, readable text on any brand color", () => {
    expect(brandingSchema.safeParse({ primaryColor: "red" }).success).toBe(false);
    expect(brandingSchema.safeParse({ logoUrl: "http://x.example/l.png" }).success).toBe(false);
    expect(brandingSchema.safeParse({ fontFamily: "Comic Sans" }).success).toBe(false);
    expect(readBranding({ primaryColor: "#FFEE00", accentColor: "nope;}</style>", fontFamily: "serif" })).toEqual({ primaryColor: "#ffee00", fontFamily: "serif" });
    const html = renderPublishedPageDocument({ content: page([]), seo, branding: { primaryColor: "#ffee00", fontFamily: "serif", logoUrl: "https://cdn.example.com/logo.png", productName: "Northwind" }, org }).html;
    expect(html).toContain("--mg-primary:#ffee00");
    expect(html).toContain("--mg-on-primary:#111827");
    const textColor = html.match(/--mg-primary-text:(#[0-9a-f]{6})/)?.[1];
    expect(contrastRatio(textColor!, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(html).toContain('<img src="https://cdn.example.com/logo.png" alt="Northwind" height="40"/>');
  });
});

describe("a landing page with a form in a dark-mode browser", () => {
  it("inlines the forms' stylesheet without its dark-mode colours (the page stays in its light branding)", async () => {
    const { LEAD_FORM_CSS } = await import("../src");
    const { renderPublishedPageDocument } = await import("../src/render");
    expect(LEAD_FORM_CSS).toContain("prefers-color-scheme:dark");
    const form = { id: "00000000-0000-4000-8000-000000000001", name: "F", revision: 1, submitLabel: "Send", consents: [], steps: [{ fields: [{ id: "email", kind: "email" as const, label: "Email", required: true }] }] };
    const { html } = renderPublishedPageDocument({
      content: { root: { props: { title: "T" } }, content: [{ type: "Form", props: { id: "f1", formId: form.id, heading: "Order", intro: "Tell us" } }] },
      seo: {},
      branding: {},
      org: { name: "Org", slug: "org", timezone: "UTC" },
      forms: { [form.id]: form },
      formContext: () => ({ action: "/f/submit", token: "t", via: "page" }),
    } as unknown as Parameters<typeof renderPublishedPageDocument>[0]);
    expect(html).toContain('class="mg-form');
    expect(html).toContain(".mg-step{");
    expect(html).not.toContain("prefers-color-scheme:dark");
  });
});
