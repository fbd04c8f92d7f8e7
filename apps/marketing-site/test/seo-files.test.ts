import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import robots from "../src/app/robots";
import sitemap from "../src/app/sitemap";
import { absoluteUrl, SITE_PAGES, siteUrl } from "../src/lib/links";

const APP_DIR = fileURLToPath(new URL("../src/app", import.meta.url));
/** Home and pricing are Pages Router pages (they ship no client runtime). */
const PAGES_DIR = fileURLToPath(new URL("../src/pages", import.meta.url));

/** The Pages Router's routes: every page file but `_app`/`_document`, outside dynamic segments. */
function pagesRouterRoutes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.name.startsWith("_") || entry.name.startsWith("[")) return [];
    if (entry.isDirectory()) return entry.name === "api" ? [] : pagesRouterRoutes(path);
    const route = relative(PAGES_DIR, path).replace(/\.tsx$/, "").split(sep).filter((segment) => segment !== "index");
    return [`/${route.join("/")}`];
  });
}

/** The public routes the app directory defines: every page.tsx outside dynamic segments. */
function pageRoutes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith("[") || entry.name.startsWith("_") ? [] : pageRoutes(path);
    if (entry.name !== "page.tsx") return [];
    const route = relative(APP_DIR, dir)
      .split(sep)
      .filter((segment) => segment && !segment.startsWith("("));
    return [`/${route.join("/")}`];
  });
}

describe("robots.txt and sitemap.xml", () => {
  it("let crawlers read the site and point them at the sitemap on the site's public URL", () => {
    const rules = robots();
    expect(rules.rules).toEqual({ userAgent: "*", allow: "/" });
    expect(rules.sitemap).toBe(`${siteUrl}/sitemap.xml`);
    expect(siteUrl).toMatch(/^https?:\/\/[^/]+(\/.*[^/])?$/);
  });

  it("list every page of the site, absolute, and nothing else", () => {
    const entries = sitemap();
    expect(entries.map((e) => e.url).sort()).toEqual([...pageRoutes(APP_DIR), ...pagesRouterRoutes(PAGES_DIR)].map(absoluteUrl).sort());
    expect(entries.map((e) => e.url)).toEqual(SITE_PAGES.map((p) => absoluteUrl(p.path)));
    expect(entries.map((e) => e.url)).toContain(`${siteUrl}/`);
    for (const entry of entries) expect(entry.url.startsWith(`${siteUrl}/`), entry.url).toBe(true);
  });
});

describe("icons", () => {
  for (const app of ["marketing-site", "web"]) {
    it(`${app} has favicon.ico (a real ICO) and icon.svg in its app directory`, () => {
      const dir = fileURLToPath(new URL(`../../${app}/src/app`, import.meta.url));
      const ico = readFileSync(join(dir, "favicon.ico"));
      // ICONDIR: reserved 0, type 1 (icon), at least one image.
      expect(ico.readUInt16LE(0)).toBe(0);
      expect(ico.readUInt16LE(2)).toBe(1);
      expect(ico.readUInt16LE(4)).toBeGreaterThan(0);
      expect(existsSync(join(dir, "icon.svg"))).toBe(true);
    });
  }
});
