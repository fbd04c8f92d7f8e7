import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { rawClient } from "./support";

/**
 * `BENCH_ONLY=pages`: the weight and speed of what visitors load, measured in headless Chromium
 * against a production build of apps/marketing-site — every published demo landing page, and the
 * site's own home and pricing. JS is every script the page runs (files and inline), each gzipped
 * here so the figure does not depend on the server's compression; LCP is the browser's own
 * largest-contentful-paint entry. Budgets (issue 11): ≤ 20 KB JS, LCP ≤ 1 s.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`${label} failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function startSite(port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn("pnpm", ["--filter", "@mg/marketing-site", "exec", "next", "start", "--port", String(port)], { cwd: root, env, stdio: "ignore", detached: true });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/robots.txt`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopSite(child);
  throw new Error("the marketing site did not start within 60 s");
}

function stopSite(child: ChildProcess): void {
  if (child.pid) process.kill(-child.pid, "SIGTERM");
}

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
  await run("seed the demo data", "pnpm", ["--filter", "@mg/db", "seed"], env);
  await run("seed the social and lead-capture demo data", "pnpm", ["--filter", "@mg/api", "seed:social"], env);
  if (process.env.BENCH_PAGES_SKIP_BUILD !== "1") await run("build the marketing site", "pnpm", ["--filter", "@mg/marketing-site", "build"], env);
  const port = await freePort();
  const site = await startSite(port, env);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const paths = [...(await demoPagePaths()), "/", "/pricing"];
    for (const path of paths) {
      // The first load warms the server's render cache; the second is the one a visitor gets.
      await measure(browser, `http://127.0.0.1:${port}${path}`);
      const { jsGzipBytes, lcpMs } = await measure(browser, `http://127.0.0.1:${port}${path}`);
      console.log(`page ${path}: ${(jsGzipBytes / 1024).toFixed(1)} KB JS (gzip), LCP ${lcpMs === null ? "n/a" : Math.round(lcpMs)} ms`);
    }
  } finally {
    await browser.close();
    stopSite(site);
  }
}
