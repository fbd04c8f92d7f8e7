import { expect, test } from "@playwright/test";
import { AVAILABLE_FEATURES, COMING_SOON_FEATURES } from "../packages/api/src/catalog/features";

/**
 * The public site as crawlers and visitors meet it: the files every browser and search engine
 * asks for, and feature lists that match the catalog (packages/api/src/catalog/features.ts) —
 * what exists is promised, what does not is marked "Coming soon" and never promised.
 */
const SITE = "http://localhost:3001";
const APP = "http://localhost:3000";

function contentType(headers: Record<string, string>): string {
  return headers["content-type"] ?? "";
}

test.describe("files browsers and crawlers ask for", () => {
  test("marketing site: favicon.ico, icon.svg, robots.txt and sitemap.xml", async ({ request }) => {
    const favicon = await request.get(`${SITE}/favicon.ico`);
    expect(favicon.status()).toBe(200);
    expect(contentType(favicon.headers())).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)\b/);
    const ico = await favicon.body();
    // ICONDIR: reserved 0, type 1 (icon), at least one image.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(ico.readUInt16LE(4)).toBeGreaterThan(0);

    const icon = await request.get(`${SITE}/icon.svg`);
    expect(icon.status()).toBe(200);
    expect(contentType(icon.headers())).toMatch(/^image\/svg\+xml\b/);

    const robots = await request.get(`${SITE}/robots.txt`);
    expect(robots.status()).toBe(200);
    expect(contentType(robots.headers())).toMatch(/^text\/plain\b/);
    const rules = await robots.text();
    expect(rules).toMatch(/^User-Agent: \*$/im);
    expect(rules).toMatch(/^Allow: \/$/m);
    expect(rules).not.toMatch(/^Disallow: \/\s*$/m);
    const sitemapUrl = /^Sitemap: (\S+)$/m.exec(rules)?.[1] ?? "";
    expect(sitemapUrl).toMatch(/^https?:\/\/[^/]+\/sitemap\.xml$/);

    const sitemap = await request.get(`${SITE}/sitemap.xml`);
    expect(sitemap.status()).toBe(200);
    expect(contentType(sitemap.headers())).toMatch(/^application\/xml\b/);
    const xml = await sitemap.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");
    // Absolute URLs on the site's public URL (NEXT_PUBLIC_MARKETING_URL), the one robots.txt names.
    const origin = new URL(sitemapUrl).origin;
    expect(locs).toEqual([`${origin}/`, `${origin}/pricing`]);
    for (const loc of locs) {
      const pageResponse = await request.get(`${SITE}${new URL(loc).pathname}`);
      expect(pageResponse.status(), loc).toBe(200);
    }
  });

  test("web app: a favicon, and a robots.txt that keeps crawlers out of the whole app", async ({ request }) => {
    const favicon = await request.get(`${APP}/favicon.ico`);
    expect(favicon.status()).toBe(200);
    expect(contentType(favicon.headers())).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)\b/);
    const icon = await request.get(`${APP}/icon.svg`);
    expect(icon.status()).toBe(200);
    expect(contentType(icon.headers())).toMatch(/^image\/svg\+xml\b/);

    const robots = await request.get(`${APP}/robots.txt`);
    expect(robots.status()).toBe(200);
    expect(contentType(robots.headers())).toMatch(/^text\/plain\b/);
    const rules = await robots.text();
    expect(rules).toMatch(/^User-Agent: \*$/im);
    expect(rules).toMatch(/^Disallow: \/$/m);
    expect(rules).not.toMatch(/^Allow:/m);
  });
});

test.describe("feature lists come from the catalog", () => {
  test("home: available features are promised once each, coming-soon ones only with the marker", async ({ page }) => {
    expect(COMING_SOON_FEATURES.length, "the catalog has coming-soon features to check").toBeGreaterThan(0);
    await page.goto(`${SITE}/`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const promise = page.getByTestId("available-features");
    const soon = page.getByRole("region", { name: "Coming soon" });
    await expect(soon).toBeVisible();

    for (const feature of AVAILABLE_FEATURES) {
      await expect(page.locator(`[data-feature="${feature.key}"][data-feature-status="available"]`), feature.key).toHaveCount(1);
    }

    for (const feature of COMING_SOON_FEATURES) {
      const item = soon.locator(`[data-feature="${feature.key}"]`);
      await expect(item, feature.key).toHaveCount(1);
      await expect(item).toContainText(feature.name);
      await expect(item.getByText("Coming soon", { exact: true })).toBeVisible();
      // Never as a promise: not among today's features, never marked available anywhere.
      await expect(promise).not.toContainText(feature.name);
      await expect(page.locator(`[data-feature="${feature.key}"][data-feature-status="available"]`)).toHaveCount(0);
    }

    // Email campaigns, spelled out: listed under Coming soon with its marker, absent from the promise.
    const email = soon.locator('[data-feature="email-campaigns"]');
    await expect(email).toContainText("Email");
    await expect(email.getByText("Coming soon", { exact: true })).toBeVisible();
    await expect(promise).not.toContainText("Email campaigns");
    // The CRM and lead capture have shipped: promised once each, never marked coming soon.
    for (const key of ["crm", "landing-pages", "lead-forms", "qr-codes"]) {
      await expect(page.locator(`[data-feature="${key}"][data-feature-status="available"]`), key).toHaveCount(1);
      await expect(soon.locator(`[data-feature="${key}"]`), key).toHaveCount(0);
    }

    // Wherever a coming-soon feature appears (the agency section too), its marker is beside it.
    const mentions = page.locator('[data-feature-status="coming-soon"]');
    expect(await mentions.count()).toBeGreaterThanOrEqual(COMING_SOON_FEATURES.length);
    for (const mention of await mentions.all()) await expect(mention.locator("[data-coming-soon]")).toHaveCount(1);
    await expect(page.getByTestId("agency-features").locator('[data-feature="white-label"][data-feature-status="coming-soon"]')).toHaveCount(1);

    // No claim in the prose either: the description search engines show.
    const description = (await page.locator('meta[name="description"]').getAttribute("content")) ?? "";
    expect(description.length).toBeGreaterThan(0);
    expect(description).not.toMatch(/\bSMS\b|white-label|approval/i);
  });

  test("home in dark mode: the Coming soon marker stays visible", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${SITE}/`);
    const marker = page.getByRole("region", { name: "Coming soon" }).locator("[data-coming-soon]").first();
    await expect(marker).toBeVisible();
    await expect(marker).toHaveText("Coming soon");
  });

  test("pricing: plan cards list available features and limits; coming-soon ones are marked, never checked", async ({ page }) => {
    await page.goto(`${SITE}/pricing`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const cards = page.getByTestId("plan-card");
    await expect(cards).toHaveCount(4);
    for (const card of await cards.all()) {
      const bullets = card.getByTestId("plan-bullets");
      expect(await bullets.locator("li").count()).toBeGreaterThanOrEqual(3);
      for (const feature of COMING_SOON_FEATURES) await expect(bullets).not.toContainText(feature.name);
      await expect(bullets.locator('[data-feature-status="coming-soon"]')).toHaveCount(0);
    }

    const mentions = page.locator('[data-feature-status="coming-soon"]');
    expect(await mentions.count()).toBeGreaterThan(0);
    for (const mention of await mentions.all()) await expect(mention.locator("[data-coming-soon]")).toHaveCount(1);

    // The comparison: a coming-soon gate is "Planned", never "Included"; the API's limit is marked.
    const table = page.getByRole("table");
    const whiteLabel = table.locator('tr[data-feature="white-label"]');
    await expect(whiteLabel).toContainText("Coming soon");
    await expect(whiteLabel.getByText("Included", { exact: true })).toHaveCount(0);
    await expect(table.locator('tr[data-quota="apiCallsPerHour"]')).toContainText("Coming soon");
    const clients = table.locator('tr[data-feature="client-organizations"]');
    await expect(clients).not.toContainText("Coming soon");
    await expect(clients.getByText("Included", { exact: true })).not.toHaveCount(0);
  });
});
