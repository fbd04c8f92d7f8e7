import { createElement, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Render } from "@puckeditor/core/rsc";
import { describe, expect, it } from "vitest";
import { PAGE_TEMPLATES, pageConfig, contextMetadata, type PageData, type RenderableForm } from "../src";
import { renderBlocks } from "../src/render/render-page";
import { escapeHtml, renderToStaticHtml } from "../src/render/static-html";

/**
 * The published-page serializer against React's own renderToStaticMarkup of Puck's server
 * Render, for every template: the same HTML up to attribute-name case and order (HTML attribute
 * names are case-insensitive; React keeps `srcSet`, we write `srcset`).
 */
/** Each tag's attributes, names lower-cased and sorted (React 19 writes a form's action/method in its own order). */
const lowerAttributes = (html: string) =>
  html.replace(/<([a-z][a-z0-9]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>/g, (_m, tag: string, attrs: string, slash: string) => {
    const list = [...attrs.matchAll(/\s([^\s=]+)(="[^"]*")?/g)].map((a) => `${(a[1] ?? "").toLowerCase()}${a[2] ?? ""}`).sort();
    return `<${tag}${list.map((a) => ` ${a}`).join("")}${slash}>`;
  });

const form: RenderableForm = { id: "f1", name: "Contact", revision: 1, submitLabel: "Send", consents: [], steps: [{ fields: [{ id: "email", kind: "email", label: "Email", required: true }] }] };
const context = (now: Date) => ({ mode: "published" as const, timeZone: "Europe/Berlin", locale: "en", forms: { f1: form }, formContext: () => ({ action: "/f/x", token: "t", via: "page" as const }), aboveFold: new Set<string>(), now });

function withForm(content: PageData): PageData {
  return { ...content, content: content.content.map((b) => (b.type === "Form" ? { ...b, props: { ...b.props, formId: "f1" } } : b)) };
}

describe("renderToStaticHtml", () => {
  it.each(PAGE_TEMPLATES.map((t) => [t.key, t] as const))("%s: the same HTML as react-dom/server + Puck's Render", (_k, template) => {
    const data = withForm(template.content);
    const now = new Date("2026-12-01T00:00:00Z");
    const ours = renderToStaticHtml(renderBlocks(data, contextMetadata(context(now))));
    const react = renderToStaticMarkup(createElement(Render, { config: pageConfig, data, metadata: contextMetadata(context(now)) } as never));
    expect(lowerAttributes(ours)).toBe(lowerAttributes(react));
  });

  it("escapes text and attributes, drops script URLs and handlers, keeps booleans, styles and voids as React does", () => {
    const tree = createElement(
      Fragment,
      null,
      createElement("a", { href: " javascript:alert(1)", onClick: () => undefined, title: `"><script>` }, "<b>&'"),
      createElement("input", { type: "checkbox", defaultChecked: true, required: true, disabled: false, "aria-hidden": true, "data-x": "" }),
      createElement("div", { style: { marginTop: 4, opacity: 0.5, "--mg-x": "#fff" }, hidden: true }),
      createElement("select", { defaultValue: "b", name: "s" }, createElement("option", { value: "a" }, "A"), createElement("option", { value: "b" }, "B")),
      createElement("textarea", { defaultValue: "<hi>" }),
      createElement("style", { dangerouslySetInnerHTML: { __html: "a{b:c}" } }),
    );
    const html = renderToStaticHtml(tree);
    expect(html).toBe(
      '<a title="&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;&#x27;</a>' +
        '<input type="checkbox" required="" aria-hidden="true" data-x="" checked=""/>' +
        '<div style="margin-top:4px;opacity:0.5;--mg-x:#fff" hidden=""></div>' +
        '<select name="s"><option value="a">A</option><option value="b" selected="">B</option></select>' +
        "<textarea>&lt;hi&gt;</textarea>" +
        "<style>a{b:c}</style>",
    );
    expect(escapeHtml(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&#x27;");
    for (const href of ["java\tscript:alert(1)", " JAVASCRIPT:alert(1)", "java\nscript:x", "vbscript:x"]) expect(renderToStaticHtml(createElement("a", { href }, "x"))).toBe("<a>x</a>");
    expect(renderToStaticHtml(createElement("a", { href: "/p/x#form" }, "x"))).toBe('<a href="/p/x#form">x</a>');
  });
});
