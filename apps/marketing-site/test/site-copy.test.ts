import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { comingSoonClaimsIn, FEATURE_CATALOG } from "@mg/api/catalog";
import { HOME, PRICING, SITE } from "../src/content/copy";

/**
 * No sentence on the site may promise a feature the catalog marks coming soon. The catalog's
 * entries name themselves (and are labelled where they appear); everything else — titles,
 * descriptions, hero, illustrations, bullets typed into JSX — must not use their claim words.
 */
const SRC = fileURLToPath(new URL("../src", import.meta.url));

function sentences(value: unknown, path: string): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path, text: value }];
  if (typeof value === "function") return sentences((value as (...args: string[]) => unknown)("Free", "Professional"), `${path}()`);
  if (Array.isArray(value)) return value.flatMap((item, i) => sentences(item, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => sentences(item, `${path}.${key}`));
  return [];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * What a source file would show a visitor: its string literals and JSX text — not comments (which
 * may discuss the roadmap), identifiers, or catalog keys (ids, not prose).
 */
function promiseText(source: string): string {
  const keys = new Set<string>(FEATURE_CATALOG.map((f) => f.key));
  const code = source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  const literals = [...code.matchAll(/"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? "")
    .filter((text) => !keys.has(text));
  const jsxText = [...code.matchAll(/(?<=[>}])([^<>{}]+)(?=[<{])/g)].map((m) => m[1] ?? "");
  return [...literals, ...jsxText].join("\n");
}

describe("the site's prose", () => {
  it("claims no coming-soon feature in titles, descriptions, hero, sections or illustrations", () => {
    const all = sentences({ SITE, HOME, PRICING }, "copy");
    expect(all.length).toBeGreaterThan(20);
    const claims = all.flatMap(({ path, text }) => comingSoonClaimsIn(text).map((c) => `${path}: "${c.word}" claims ${c.feature.key}`));
    expect(claims).toEqual([]);
  });

  it("writes no claim straight into a page or component either", () => {
    const files = sourceFiles(SRC);
    expect(files.map((f) => relative(SRC, f))).toEqual(expect.arrayContaining(["components/home-page.tsx", "components/pricing-page.tsx", "pages/index.tsx", "app/layout.tsx", "components/site-footer.tsx"]));
    const claims = files.flatMap((file) => comingSoonClaimsIn(promiseText(readFileSync(file, "utf8"))).map((c) => `${relative(SRC, file)}: "${c.word}" claims ${c.feature.key}`));
    expect(claims).toEqual([]);
  });

  it("would catch the claims the site used to make", () => {
    // The old home page's hero and agency bullets, as they were written into the JSX.
    const old = `<p>Publish to every social network at the right local time, capture leads with landing pages and forms,
      follow up from a built-in CRM, and run email and SMS campaigns — with AI help along the way.</p>
      const agencyPoints = ["Client approvals before anything is published", "The whole app under your own brand"];`;
    const found = new Set(comingSoonClaimsIn(promiseText(old)).map((c) => c.feature.key));
    // "a built-in CRM" and "landing pages and forms" are true now that they have shipped; the rest still is not.
    expect([...found].sort()).toEqual(["ai-writing", "approval-workflows", "client-review-links", "sms-whatsapp", "white-label"].sort());
  });
});
