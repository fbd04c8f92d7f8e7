import { gzipSync } from "node:zlib";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { EMBED_SCRIPT, FORMS_SCRIPT, LEAD_FORM_CSS, LeadFormMarkup, renderMessageDocument, type RenderableForm } from "../src";

const form: RenderableForm = {
  id: "6d1f3c1e-0000-4000-8000-000000000001",
  name: "Order a cake",
  revision: 3,
  steps: [
    { title: "You", fields: [{ id: "email", kind: "email", label: "Email <b>", required: true, helpText: "We reply within a day" }] },
    {
      title: "Cake",
      fields: [
        { id: "size", kind: "select", label: "Size", required: false, options: [{ value: "s", label: "Small" }] },
        { id: "extras", kind: "multiselect", label: "Extras", required: false, options: [{ value: "nuts", label: "Nuts" }] },
        { id: "source", kind: "hidden", label: "Source", required: false, defaultValue: "?utm_source" },
      ],
    },
  ],
  submitLabel: "Order",
  consents: [{ id: "news", wording: "Email me <script>offers</script>", version: 2, required: false }],
};

const render = (values?: Record<string, string | string[]>) =>
  renderToStaticMarkup(createElement(LeadFormMarkup, { form, context: { action: "/f/submit", token: "tok.sig", via: "page", ...(values ? { values, errors: { email: "Enter a valid <email>" } } : {}) } }));

describe("LeadFormMarkup", () => {
  it("is a plain POST form: token, honeypot out of reach, one fieldset per step, labelled inputs", () => {
    const html = render();
    expect(html).toMatch(/<form[^>]*action="\/f\/submit"[^>]*method="post"/);
    expect(html).toContain('name="_token" value="tok.sig"');
    expect(html).toMatch(/<div class="mg-hp" aria-hidden="true">/);
    expect(html.match(/<fieldset class="mg-step"/g)).toHaveLength(2);
    expect(html).toMatch(/<label class="mg-label" for="([^"]+)">Email &lt;b&gt;/);
    expect(html).toContain('data-mg-param="utm_source"');
    expect(html).not.toContain("style=");
  });

  it("never pre-checks a consent; a re-render keeps only what the visitor ticked, and escapes everything", () => {
    expect(render()).not.toMatch(/name="_consent"[^>]*checked/);
    const again = render({ email: '"><script>x</script>', _consent: "news" });
    expect(again).toMatch(/checked=""[^>]*name="_consent"|name="_consent"[^>]*checked=""/);
    expect(again).not.toContain("<script>");
    expect(again).toContain("Enter a valid &lt;email&gt;");
    expect(again).toContain('aria-invalid="true"');
  });

  it("message pages show tenant text as text", () => {
    const html = renderMessageDocument({ heading: "Thanks", message: "<img src=x onerror=alert(1)>" }, { title: "t" });
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x");
  });
});

describe("scripts", () => {
  const gz = (s: string) => gzipSync(Buffer.from(s)).byteLength;

  it("the embed script is at most 10 KB gzip, the enhancement script and CSS fit the page budget", () => {
    expect(gz(EMBED_SCRIPT)).toBeLessThanOrEqual(10 * 1024);
    expect(gz(FORMS_SCRIPT)).toBeLessThanOrEqual(5 * 1024);
    expect(gz(LEAD_FORM_CSS)).toBeLessThanOrEqual(3 * 1024);
  });

  it("use no eval, no Function constructor, no inline style strings", () => {
    for (const script of [EMBED_SCRIPT, FORMS_SCRIPT]) {
      expect(script).not.toMatch(/\beval\s*\(|new Function|setAttribute\("style"|\.style\.|innerHTML/);
      // Parses as a script.
      expect(() => new Function(script)).not.toThrow();
    }
  });

  it("the embed checks the message's origin and window before resizing or redirecting", () => {
    expect(EMBED_SCRIPT).toContain("x.f.contentWindow!==e.source||e.origin!==x.o");
    expect(EMBED_SCRIPT).toMatch(/u\.protocol==="https:"\|\|u\.origin===x\.o/);
  });
});

describe("renderToStaticHtml for forms (route handlers cannot load react-dom/server)", () => {
  it("renders the form like react-dom/server does where it matters", async () => {
    const { renderToStaticHtml: renderStatic } = await import("../src");
    const element = createElement(LeadFormMarkup, { form, context: { action: "/f/submit", token: "tok.sig", via: "page", values: { size: "s", extras: ["nuts"], email: "<x>", _consent: "news" }, errors: { email: "bad" } } });
    const html = renderStatic(element);
    expect(html).toContain('<option value="s" selected="">Small</option>');
    expect(html).toMatch(/<input type="checkbox"[^>]*name="extras" value="nuts"[^>]*checked=""/);
    expect(html).toMatch(/<input[^>]*name="_consent" value="news"[^>]*checked=""/);
    expect(html).toMatch(/name="email"[^>]*value="&lt;x&gt;"/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/tabindex="-1" autocomplete="off"/);
    expect(html).not.toContain("<x>");
    expect(html).not.toMatch(/<\/input>/);
    // The same visible text as React's own renderer.
    const strip = (s: string) => s.replace(/<[^>]+>/g, "");
    expect(strip(html)).toBe(strip(renderToStaticMarkup(element)));
  });

  it("writes no event handler, and refuses what it cannot render", async () => {
    const { renderToStaticHtml: renderStatic } = await import("../src");
    const html = renderStatic(createElement("div", { onClick: () => undefined, "data-x": "a\"b" }, "t<"));
    expect(html).toBe('<div data-x="a&quot;b">t&lt;</div>');
    const { Component } = await import("react");
    class Legacy extends Component {
      override render() {
        return null;
      }
    }
    expect(() => renderStatic(createElement(Legacy))).toThrow();
  });
});
