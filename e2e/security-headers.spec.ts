import { expect, test, type APIResponse, type Page } from "@playwright/test";
import { signInWithPassword } from "./support";

/**
 * Security headers on both production builds (docs/security-headers.md): every response — pages,
 * API routes, static files, redirects, 404s — carries nosniff, a referrer policy, no-framing and
 * HSTS; pages carry a per-request nonce CSP that Next.js's own scripts match; everything else a
 * locked-down CSP. Then the main pages are opened in Chromium and must raise no CSP violation.
 */
const APP = "http://localhost:3000";
const SITE = "http://localhost:3001";
const ORG = "northwind-bakery";

/** A policy as directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name ?? "", sources]),
  );
}

function headerValues(response: APIResponse, name: string): string[] {
  return response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === name.toLowerCase())
    .map((h) => h.value);
}

function expectBaseHeaders(response: APIResponse, where: string) {
  const one = (name: string) => {
    const values = headerValues(response, name);
    expect(values, `${name} on ${where}`).toHaveLength(1);
    return values[0];
  };
  expect(one("x-content-type-options"), where).toBe("nosniff");
  expect(one("referrer-policy"), where).toBe("strict-origin-when-cross-origin");
  expect(one("x-frame-options"), where).toBe("DENY");
  expect(one("permissions-policy"), where).toContain("camera=()");
  // The browser tests run production builds: HSTS is on.
  expect(one("strict-transport-security"), where).toBe("max-age=63072000; includeSubDomains");
  expect(headerValues(response, "x-powered-by"), where).toEqual([]);
  const csp = headerValues(response, "content-security-policy");
  expect(csp, `exactly one Content-Security-Policy on ${where}`).toHaveLength(1);
  return directives(csp[0] ?? "");
}

/**
 * A page: the nonce policy, and every <script> in the HTML carries that nonce. `scripts: "none"`:
 * a page that ships no JavaScript at all (the site's static home and pricing).
 */
async function expectPagePolicy(response: APIResponse, where: string, { scripts: expected = "some" }: { scripts?: "some" | "none" } = {}): Promise<string> {
  const csp = expectBaseHeaders(response, where);
  const scripts = csp.get("script-src") ?? [];
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1) ?? "";
  expect(nonce, `nonce on ${where}`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(scripts, where).toContain("'strict-dynamic'");
  expect(scripts, where).not.toContain("'unsafe-inline'");
  expect(scripts, where).not.toContain("'unsafe-eval'");
  expect(csp.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect(csp.get("object-src"), where).toEqual(["'none'"]);
  expect(csp.get("base-uri"), where).toEqual(["'self'"]);
  expect(csp.get("form-action"), where).toEqual(["'self'"]);
  // Served over plain http here, so nothing is upgraded (it would break http://localhost).
  expect(csp.has("upgrade-insecure-requests"), where).toBe(false);
  if ((response.headers()["content-type"] ?? "").includes("text/html")) {
    const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
    if (expected === "none") expect(tags, `scripts on ${where}`).toEqual([]);
    else expect(tags.length, `scripts on ${where}`).toBeGreaterThan(0);
    for (const tag of tags) expect(tag, `a script on ${where}`).toContain(`nonce="${nonce}"`);
  }
  return nonce;
}

/** API routes and static files: nothing may run, load or frame. */
function expectResourcePolicy(response: APIResponse, where: string) {
  const csp = expectBaseHeaders(response, where);
  expect(csp.get("default-src"), where).toEqual(["'none'"]);
  expect(csp.get("frame-ancestors"), where).toEqual(["'none'"]);
  expect([...csp.keys()].some((name) => name === "script-src"), where).toBe(false);
}

async function firstStaticChunk(response: APIResponse): Promise<string> {
  const src = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(await response.text())?.[1];
  expect(src).toBeTruthy();
  return src ?? "";
}

test.describe("security headers over HTTP", () => {
  test("web app: pages get a fresh nonce CSP; API routes, redirects and static files the locked-down one", async ({ request }) => {
    const get = (path: string) => request.get(`${APP}${path}`, { maxRedirects: 0 });

    const signIn = await get("/sign-in");
    expect(signIn.status()).toBe(200);
    const first = await expectPagePolicy(signIn, "/sign-in");
    const second = await expectPagePolicy(await get("/sign-in"), "/sign-in again");
    expect(second).not.toBe(first);
    await expectPagePolicy(await get("/sign-up"), "/sign-up");
    // A signed-out visitor is redirected by the layout; the redirect carries the headers too.
    const orgPage = await get(`/${ORG}/calendar`);
    expect([303, 307, 308, 200]).toContain(orgPage.status());
    await expectPagePolicy(orgPage, `/${ORG}/calendar (signed out)`);
    await expectPagePolicy(await get("/no-such-page/at-all"), "a 404 page");

    expect((await get("/api/health")).status()).toBe(200);
    for (const path of ["/api/health", "/api/auth/session", "/api/auth/csrf", "/api/trpc/plans.list", "/api/media/no-such-file.png", "/api/integrations/sandbox/callback?state=nope&error=access_denied"]) {
      expectResourcePolicy(await get(path), path);
    }
    const chunk = await firstStaticChunk(await get("/sign-in"));
    for (const path of [chunk, "/icon.svg", "/favicon.ico", "/robots.txt"]) expectResourcePolicy(await get(path), path);
  });

  test("marketing site: home and pricing get a fresh nonce CSP (and ship no script), static files the locked-down one", async ({ request }) => {
    const get = (path: string) => request.get(`${SITE}${path}`, { maxRedirects: 0 });
    const home = await get("/");
    expect(home.status()).toBe(200);
    const nonce = await expectPagePolicy(home, "site /", { scripts: "none" });
    expect(await expectPagePolicy(await get("/"), "site / again", { scripts: "none" })).not.toBe(nonce);
    await expectPagePolicy(await get("/pricing"), "site /pricing", { scripts: "none" });
    await expectPagePolicy(await get("/no-such-page"), "site 404");
    const chunk = await firstStaticChunk(await get("/no-such-page"));
    for (const path of [chunk, "/favicon.ico", "/robots.txt"]) expectResourcePolicy(await get(path), `site ${path}`);
  });
});

/** Collects every CSP violation (the DOM event, from the first script on) and CSP console errors. */
async function watchViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction("__reportCspViolation", (report: string) => problems.push(`${page.url()}: ${report}`));
  await page.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (event) => {
        const report = (window as unknown as { __reportCspViolation: (r: string) => void }).__reportCspViolation;
        report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber}) ${event.sample}`);
      },
      true,
    );
  });
  page.on("console", (message) => {
    if (/content security policy|refused to (load|execute|apply|evaluate|connect|frame)/i.test(message.text())) problems.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`${page.url()}: uncaught ${error.message}`));
  return problems;
}

/** Loads a page and gives late scripts (charts, toasts, polling) a moment to run. */
async function visit(page: Page, url: string, ready: () => Promise<void>) {
  await page.goto(url);
  await ready();
  await page.waitForLoadState("load");
  await page.waitForTimeout(500);
}

test.describe("pages work under the policy", () => {
  test("the web app's main pages, in both themes, with an upload, an import check and the Sandbox consent", async ({ page }) => {
    test.setTimeout(180_000);
    const problems = await watchViolations(page);
    const main = () => expect(page.locator("main").first()).toBeVisible();

    await visit(page, `${APP}/sign-in`, () => expect(page.getByTestId("sign-in-form")).toBeVisible());
    await visit(page, `${APP}/sign-up`, () => expect(page.getByTestId("sign-up-form")).toBeVisible());
    await signInWithPassword(page, "owner@demo.test", "demo-password", `/${ORG}`);
    await expect(page).toHaveURL(new RegExp(`/${ORG}$`));

    await test.step("dark theme: the theme script ran (it carries the nonce)", async () => {
      await page.getByTestId("user-menu").first().click();
      await page.getByRole("menuitemradio", { name: "Dark" }).click();
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
      // After a reload the class comes from next-themes' inline script, before hydration.
      await page.reload();
      await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    });

    for (const path of ["", "/calendar", "/calendar?view=week", "/calendar?view=list", "/posts", "/posts/new", "/accounts", "/analytics", "/campaigns", "/ab-tests", "/members", "/settings", "/audit"]) {
      await visit(page, `${APP}/${ORG}${path}`, main);
    }
    await visit(page, `${APP}/brightwave/clients`, main);

    await test.step("light theme again", async () => {
      await page.getByTestId("user-menu").first().click();
      await page.getByRole("menuitemradio", { name: "Light" }).click();
      await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    });

    await test.step("upload an image to the media library (blob: preview, FormData upload)", async () => {
      await visit(page, `${APP}/${ORG}/media`, main);
      const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
      await page.locator('input[type="file"]').first().setInputFiles({ name: `csp-${Date.now()}.png`, mimeType: "image/png", buffer: png });
      await expect(page.getByTestId("upload-list").getByLabel("Uploaded")).toBeVisible();
      await page.waitForTimeout(500);
    });

    await test.step("check a CSV in the import page and download the template", async () => {
      await visit(page, `${APP}/${ORG}/posts/import`, main);
      await page.getByTestId("csv-input").setInputFiles({ name: "posts.csv", mimeType: "text/csv", buffer: Buffer.from("content,accounts,date,time\nHello,@nobody,2030-01-01,09:00\n") });
      await expect(page.getByText(/No connected account/).first()).toBeVisible();
      const download = page.waitForEvent("download");
      await page.getByRole("button", { name: "Download template" }).click();
      expect((await download).suggestedFilename()).toBe("posts-template.csv");
    });

    await test.step("connect a Sandbox profile through the consent page (form post and redirects under form-action)", async () => {
      await visit(page, `${APP}/${ORG}/accounts`, main);
      await page.getByRole("button", { name: "Connect Sandbox" }).click();
      await expect(page).toHaveURL(/\/sandbox\/authorize\?/);
      // The same profile the publishing spec uses: a re-run reconnects it rather than adding a seat.
      await page.getByLabel("Profile name").fill("Northwind E2E Main");
      await page.getByLabel("Handle").fill("northwind_e2e_main");
      await page.getByRole("button", { name: "Allow" }).click();
      await expect(page).toHaveURL(new RegExp(`/${ORG}/accounts\\?connected=`));
      await page.waitForTimeout(500);
    });

    expect(problems).toEqual([]);
  });

  test("the marketing site's home and pricing", async ({ page }) => {
    const problems = await watchViolations(page);
    await visit(page, `${SITE}/`, () => expect(page.getByRole("heading", { level: 1 })).toBeVisible());
    await visit(page, `${SITE}/pricing`, () => expect(page.getByRole("heading", { level: 1 })).toBeVisible());
    // Client-side navigation back home (the router's scripts under the policy).
    await page.locator('a[href="/"]').first().click();
    await expect(page).toHaveURL(`${SITE}/`);
    await page.waitForTimeout(500);
    expect(problems).toEqual([]);
  });
});
