import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { buildSite, seedDemo, startSite } from "./site";
import { rawClient } from "./support";

/**
 * `BENCH_ONLY=pages`: the weight and speed of what visitors load, measured in headless Chromium
 * against a production build of apps/marketing-site — every published demo landing page, and the
 * site's own home and pricing. JS is every script the page runs (files and inline), each gzipped
 * here so the figure does not depend on the server's compression; LCP is the browser's own
 * largest-contentful-paint entry. Budgets (issue 11): ≤ 20 KB JS, LCP ≤ 1 s.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

interface PageWeight {
  jsGzipBytes: number;
  scripts: number;
  lcpMs: number | null;
}

async function measure(browser: Browser, url: string): Promise<PageWeight> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const bodies: Promise<Buffer | null>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") bodies.push(response.body().catch(() => null));
  });
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? "nothing"}`);
  const lcpMs = await page.evaluate(
    () =>
      new Promise<number | null>((done) => {
        let last: number | null = null;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) last = entry.startTime;
        }).observe({ type: "largest-contentful-paint", buffered: true });
        // The entries are buffered; give the observer a frame to deliver them.
        setTimeout(() => done(last), 300);
      }),
  );
  const inline = await page.evaluate(() => [...document.querySelectorAll("script:not([src])")].filter((s) => !s.getAttribute("type") || /javascript|module/.test(s.getAttribute("type") ?? "")).map((s) => s.textContent ?? ""));
  const files = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
  const jsGzipBytes = [...files, ...inline.filter((t) => t.length > 0).map((t) => Buffer.from(t))].reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
  await context.close();
  return { jsGzipBytes, scripts: files.length + inline.length, lcpMs };
}

async function demoPagePaths(): Promise<string[]> {
  const client = await rawClient();
  try {
    const { rows } = await client.query<{ org: string; page: string }>(
      `SELECT o.slug AS org, p.slug AS page FROM landing_pages p JOIN organizations o ON o.id = p.organization_id
       WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND o.deleted_at IS NULL ORDER BY o.slug, p.slug`,
    );
    return rows.map((r) => `/p/${r.org}/${r.page}`);
  } finally {
    await client.end();
  }
}

export async function benchPages(): Promise<void> {
  console.log("\npages — JS weight and LCP in headless Chromium (production build of the marketing site)");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  // The demo pages come from the demo data (idempotent), the numbers from a fresh production build.
  await seedDemo(env);
  await buildSite(env);
  const site = await startSite(env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const paths = [...(await demoPagePaths()), "/", "/pricing"];
    for (const path of paths) {
      // The first load warms the server's render cache; the second is the one a visitor gets.
      await measure(browser, `${site.url}${path}`);
      const { jsGzipBytes, lcpMs } = await measure(browser, `${site.url}${path}`);
      console.log(`page ${path}: ${(jsGzipBytes / 1024).toFixed(1)} KB JS (gzip), LCP ${lcpMs === null ? "n/a" : Math.round(lcpMs)} ms`);
    }
  } finally {
    await browser.close();
    site.stop();
  }
}
