import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { signInWithPassword } from "./support";

/**
 * Lead capture end to end (issue 11 §5), as the demo owner of the client organization and two
 * signed-out visitors: a page built from a template with the demo "Order a cake" form → published →
 * opened signed out (≤ 20 KB of JavaScript gzip, 0 serious axe violations) → submitted with
 * JavaScript (inline success, no reload) and, by a second visitor who came through the page's QR
 * code, without JavaScript (plain POST → 303 → the page's thank-you) → both become contacts with
 * their attribution and consent → the score explains itself → the QR visit is counted and is the
 * link's lead. A hostile name travels the whole way and shows as text in the app.
 *
 * Every name is unique per run. The two visitors have their own user agent: a visit's key is
 * (daily salt, IP, user agent) and both browsers here share 127.0.0.1, so with one agent the second
 * visitor would be the first one's browser (hourly dedupe, consent adopting today's visits).
 */
const APP = "http://localhost:3000";
// E2E_SITE_URL: only for a run whose marketing site listens elsewhere (the config starts it on 3001).
const SITE = process.env.E2E_SITE_URL ?? "http://localhost:3001";
const ORG = "northwind-bakery";
const FORM_SLUG = "order-a-cake"; // services/demo/forms-demo.ts
const FORM_NAME = "Order a cake";
const JS_BUDGET = 20 * 1024;
/** The intake refuses a form sent sooner than this after it was rendered (lead-forms/token.ts MIN_FILL_MS). */
const MIN_FILL_MS = 2_000;
const HOSTILE = "<img src=x onerror=alert(1)>";

/** A desktop Chrome agent that isbot accepts (the headless default says "HeadlessChrome": a bot, not counted). */
function agent(run: string, who: string): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36 MGE2E/${run}-${who}`;
}

/** Every dialog (alert, confirm) a page opens: hostile input must never fire one. */
function collectDialogs(page: Page): string[] {
  const seen: string[] = [];
  page.on("dialog", (d) => {
    seen.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

/** A signed-out visitor: a fresh context (no cookies), its own user agent. */
async function visitor(browser: Browser, userAgent: string, javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ userAgent, javaScriptEnabled, viewport: { width: 1280, height: 800 } });
  return { context, page: await context.newPage() };
}

/** The consent banner (Northwind is in the UK: attribution needs consent), accepted if shown. */
async function acceptAttributionConsent(page: Page): Promise<boolean> {
  const banner = page.getByRole("region", { name: "Cookie consent" });
  if (!(await banner.isVisible())) return false;
  await banner.getByRole("button", { name: "Allow" }).click();
  await expect(banner).toHaveCount(0);
  return true;
}

/** Waits out the render-time rule: a submission sooner than 2 s after render is refused as a bot's. */
async function waitForFillTime(page: Page, renderedAt: number): Promise<void> {
  const left = MIN_FILL_MS + 250 - (Date.now() - renderedAt);
  // A deliberate wait, not a sleep for flakiness: the server checks the signed render time.
  if (left > 0) await page.waitForTimeout(left);
}

/** "Engagement" → the score's region on the contact page (ScorePanel's section, named by its heading). */
function scoreRegion(page: Page, label: string): Locator {
  return page.getByRole("region", { name: new RegExp(`^${label}`) });
}

/** The card of the contact page with this title. */
function card(page: Page, title: string): Locator {
  return page.locator("[data-slot='card']", { has: page.getByRole("heading", { name: title, exact: true }) });
}

/**
 * The contact's attribution (first and last touch: how the person came, with the UTM) on the
 * contact page, in a card titled "Attribution". Soft: when the card is missing that is reported,
 * and the rest of the flow still runs.
 */
async function expectAttribution(page: Page, touch: { via: RegExp; source: string; campaign: string }): Promise<void> {
  const attribution = card(page, "Attribution");
  await expect.soft(attribution, "the contact page shows the attribution (a card titled Attribution)").toBeVisible();
  if (!(await attribution.isVisible())) return;
  for (const text of ["First touch", "Last touch", touch.source, touch.campaign]) await expect(attribution).toContainText(text);
  await expect(attribution).toContainText(touch.via);
}

/** The score explains itself: entries with rule names, and the total is what they add up to. */
async function expectExplainedScore(page: Page, label: string): Promise<void> {
  const region = scoreRegion(page, label);
  await expect(region).toBeVisible();
  const total = Number(await region.getByTestId(`score-total-${label}`).textContent());
  const why = region.getByText(/^Why: \d+ entr(y|ies) adding up to -?\d+\.$/);
  await expect(why).toBeVisible();
  const [, count, sum] = /Why: (\d+) entr(?:y|ies) adding up to (-?\d+)\./.exec((await why.textContent()) ?? "") ?? [];
  expect(Number(sum), `${label}: the total is the ledger's sum`).toBe(total);
  const show = region.getByRole("button", { name: /^Show all \d+ entries$/ });
  if ((await show.count()) > 0) await show.click();
  const entries = region.locator("li");
  await expect(entries).toHaveCount(Number(count));
  let points = 0;
  const rules: string[] = [];
  for (const entry of await entries.all()) {
    rules.push((await entry.locator("p").first().textContent()) ?? "");
    points += Number(((await entry.locator("span").last().textContent()) ?? "").replace("+", ""));
  }
  expect(points, `${label}: the entries shown add up to the total`).toBe(total);
  // A form submission is scored by a named rule (not an anonymous adjustment), with its reason.
  expect(rules.filter((r) => r !== "" && r !== "Adjustment" && r !== "Decay").length, `${label}: entries name their rule (${rules.join(", ")})`).toBeGreaterThan(0);
}

test("lead capture: a page from a template with a form → published → submitted signed out (with and without JavaScript) → contacts with attribution, consent and an explained score → a QR visit counted", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const pageName = `E2E cakes ${run}`;
  const campaign = `e2e-${run}`;
  const qrCampaign = `e2e-qr-${run}`;
  const linkName = `E2E poster ${run}`;
  const alice = { first: "Alice", last: `Baker${run}`, email: `alice.${run}@e2e-lead.example.com` };
  const bob = { first: "Bob", last: HOSTILE, email: `bob.${run}@e2e-lead.example.com` };
  const ownerDialogs = collectDialogs(page);

  await signInWithPassword(page, "owner@demo.test", "demo-password", `/${ORG}/pages`);
  await expect(page).toHaveURL(new RegExp(`/${ORG}/pages`));

  let pageSlug = "";
  await test.step("a page from the bakery template, its Form block pointed at the demo form, published", async () => {
    await page.getByTestId("new-page").click();
    const dialog = page.getByRole("dialog", { name: "New landing page" });
    await dialog.getByLabel("Page name").fill(pageName);
    await dialog.getByTestId("template-bakery").click();
    await expect(dialog.getByTestId("template-bakery").getByRole("radio")).toBeChecked();
    await dialog.getByRole("button", { name: "Create and edit" }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/pages/[0-9a-f-]+/edit$`));
    const editor = page.getByTestId("page-editor");
    await expect(editor).toBeVisible();

    // Select the template's Form block in the preview, then name the form in its fields.
    const preview = page.frameLocator("iframe#preview-frame");
    await preview.locator("section.mg-form").first().click();
    // Puck renders the fields panel twice (one copy hidden, same ids): the visible one.
    const field = editor.getByLabel("Form", { exact: true }).filter({ visible: true }).first();
    await expect(field).toBeVisible();
    if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption({ label: FORM_NAME });
    else await field.fill(FORM_SLUG); // a block names its form by id or slug (page-forms.ts)
    // "Saved" (not the initial "All changes saved"): this change has reached the server.
    await expect(page.getByTestId("save-status")).toHaveText("Saved");

    await page.getByTestId("publish-page").click();
    await expect(page.getByText("Published version 1")).toBeVisible();

    await page.goto(`/${ORG}/pages`);
    const row = page.locator("tr[data-testid^='page-row-']", { hasText: pageName });
    await expect(row).toHaveCount(1);
    await expect(row.getByText("Live")).toBeVisible();
    pageSlug = ((await row.getAttribute("data-testid")) ?? "").replace(/^page-row-/, "");
    expect(pageSlug).not.toBe("");
  });
  const pagePath = `/p/${ORG}/${pageSlug}`;

  let linkCode = "";
  let linkHref = "";
  await test.step("a tracked link to the page with its UTM, for a QR code", async () => {
    await page.goto(`/${ORG}/links`);
    await page.getByTestId("new-link").click();
    const dialog = page.getByRole("dialog");
    const form = dialog.getByTestId("link-form");
    await form.getByLabel("Name").fill(linkName);
    await form.getByRole("combobox", { name: "Landing page" }).click();
    await page.getByRole("option", { name: pageName, exact: true }).click();
    await form.getByLabel("Source").fill("poster");
    await form.getByLabel("Medium").fill("print");
    await form.getByLabel("UTM campaign").fill(qrCampaign);
    await expect(form.getByTestId("final-url")).toContainText(`${pagePath}?`);
    await form.getByRole("button", { name: "Create link" }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByTestId("link-row").filter({ hasText: linkName });
    await expect(row).toHaveCount(1);
    linkCode = (await row.getAttribute("data-code")) ?? "";
    linkHref = (await row.getByRole("link", { name: linkName }).getAttribute("href")) ?? "";
    expect(linkCode).not.toBe("");
    expect(linkHref).toMatch(new RegExp(`^/${ORG}/links/`));
  });

  await test.step("signed out, with JavaScript: a UTM'd arrival, ≤ 20 KB of JS, 0 serious axe violations, consent, an inline success", async () => {
    const { context, page: visit } = await visitor(browser, agent(run, "js"), true);
    const dialogs = collectDialogs(visit);
    const scripts: Promise<number>[] = [];
    visit.on("response", (response) => {
      if (response.request().resourceType() === "script" && response.status() < 300) scripts.push(response.body().then((b) => gzipSync(b).length));
    });
    const response = await visit.goto(`${SITE}${pagePath}?utm_source=e2e&utm_medium=test&utm_campaign=${campaign}`);
    expect(response?.status()).toBe(200);
    const renderedAt = Date.now();
    const form = visit.getByRole("form", { name: FORM_NAME });
    await expect(form).toBeVisible();
    await visit.waitForLoadState("networkidle");

    const inline = await visit.locator("script:not([src])").evaluateAll((els) => els.map((e) => e.textContent ?? ""));
    const external = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    const inlineBytes = inline.reduce((a, s) => a + gzipSync(Buffer.from(s)).length, 0);
    const weight = `${external} B external + ${inlineBytes} B inline (gzip), budget ${JS_BUDGET} B`;
    test.info().annotations.push({ type: "page JavaScript", description: weight });
    expect(external + inlineBytes, `JavaScript shipped: ${weight}`).toBeLessThanOrEqual(JS_BUDGET);

    const axe = await new AxeBuilder({ page: visit }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
    expect(serious, serious.join("\n")).toEqual([]);

    expect(await acceptAttributionConsent(visit), "Northwind (GB) asks for attribution consent").toBe(true);

    // The enhancement shows one step at a time.
    await form.getByLabel("Occasion").selectOption({ label: "Birthday" });
    await form.getByLabel("How many people?").selectOption({ label: "Up to 20" });
    await form.getByRole("button", { name: "Next" }).click();
    await form.getByLabel("First name").fill(alice.first);
    await form.getByLabel("Last name").fill(alice.last);
    await form.getByLabel(/^Email/).fill(alice.email);
    await form.getByLabel(/seasonal menu and offers/).check();
    await visit.evaluate(() => ((window as unknown as { mgNoReload: boolean }).mgNoReload = true));
    await waitForFillTime(visit, renderedAt);
    await form.getByRole("button", { name: "Request my cake" }).click();
    await expect(form.locator("[data-mg-success]")).toContainText("Thank you");
    expect(await visit.evaluate(() => (window as unknown as { mgNoReload?: boolean }).mgNoReload), "submitted without a reload").toBe(true);
    expect(new URL(visit.url()).pathname).toBe(pagePath);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  await test.step("signed out, without JavaScript, through the QR code: 302 to the page with the link's UTM, consent by a plain POST, the form by a plain POST → 303 → thank-you", async () => {
    const { context, page: visit } = await visitor(browser, agent(run, "nojs"), false);
    const response = await visit.goto(`${SITE}/r/${linkCode}?qr=1`);
    expect(response?.status()).toBe(200);
    const redirect = await response?.request().redirectedFrom()?.response();
    expect(redirect?.status()).toBe(302);
    const landed = new URL(visit.url());
    expect(landed.pathname).toBe(pagePath);
    expect(landed.searchParams.get("utm_source")).toBe("poster");
    expect(landed.searchParams.get("utm_medium")).toBe("print");
    expect(landed.searchParams.get("utm_campaign")).toBe(qrCampaign);
    expect(landed.searchParams.has("qr")).toBe(false);

    // Without JavaScript the banner is a form: 303 back to the same address.
    expect(await acceptAttributionConsent(visit), "Northwind (GB) asks for attribution consent").toBe(true);
    expect(new URL(visit.url()).pathname).toBe(pagePath);
    const renderedAt = Date.now();

    const form = visit.getByRole("form", { name: FORM_NAME });
    // Without the enhancement every step shows at once.
    await form.getByLabel("Occasion").selectOption({ label: "Wedding" });
    await form.getByLabel("How many people?").selectOption({ label: "Up to 50" });
    await form.getByLabel("First name").fill(bob.first);
    await form.getByLabel("Last name").fill(bob.last);
    await form.getByLabel(/^Email/).fill(bob.email);
    await form.getByLabel(/seasonal menu and offers/).check();
    await waitForFillTime(visit, renderedAt);
    const [posted] = await Promise.all([visit.waitForResponse((r) => r.url().startsWith(`${SITE}/f/submit`)), form.getByRole("button", { name: "Request my cake" }).click()]);
    expect(posted.status()).toBe(303);
    await expect(visit).toHaveURL(`${SITE}${pagePath}/thanks`);
    await expect(visit.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(visit.locator("img[src='x']")).toHaveCount(0);
    await context.close();
  });

  const contactHref: Record<"alice" | "bob", string> = { alice: "", bob: "" };
  await test.step("the submissions are processed into contacts (the outbox job), the hostile name shown as text", async () => {
    await page.goto(`/${ORG}/forms`);
    await page.getByRole("link", { name: FORM_NAME, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/forms/[0-9a-f-]+`));
    await page.getByRole("tab", { name: "Submissions" }).click();
    for (const [key, person] of [["alice", alice] as const, ["bob", bob] as const]) {
      const row = page.getByTestId("submission-row").filter({ hasText: person.email });
      await expect(async () => {
        await page.reload();
        await page.getByRole("tab", { name: "Submissions" }).click();
        await expect(row.getByText("Contact saved")).toBeVisible({ timeout: 3_000 });
      }).toPass({ timeout: 60_000 });
      const href = await row.getByRole("link", { name: "Open contact" }).getAttribute("href");
      expect(href).toMatch(new RegExp(`^/${ORG}/contacts/[0-9a-f-]+$`));
      contactHref[key] = href ?? "";
    }
    const bobRow = page.getByTestId("submission-row").filter({ hasText: bob.email });
    await expect(bobRow.getByText(HOSTILE, { exact: true })).toBeVisible();
    await expect(bobRow.locator("img")).toHaveCount(0);
  });

  await test.step("Alice's contact: the UTM'd arrival as first and last touch, the consent with its wording version, the score explained", async () => {
    await page.goto(contactHref.alice);
    await expect(page.getByRole("heading", { level: 1, name: `${alice.first} ${alice.last}` })).toBeVisible();
    const consents = page.getByTestId("consents");
    await expect(consents).toContainText("marketing: granted");
    await expect(consents).toContainText(/form · wording \S+:newsletter:v1/);
    await expectAttribution(page, { via: /page/i, source: "e2e", campaign });
    await expectExplainedScore(page, "Engagement");
  });

  await test.step("Bob's contact: the hostile name is text, the QR scan is the touch", async () => {
    await page.goto(contactHref.bob);
    await expect(page.getByRole("heading", { level: 1, name: `${bob.first} ${HOSTILE}` })).toBeVisible();
    await expect(page.locator("main img[src='x']")).toHaveCount(0);
    await expect(page.getByTestId("consents")).toContainText("marketing: granted");
    await expectAttribution(page, { via: /QR/i, source: "poster", campaign: qrCampaign });
    await expectExplainedScore(page, "Engagement");
  });

  await test.step("the link's stats: one QR scan, and Bob as its lead", async () => {
    await page.goto(linkHref);
    await expect(page.getByText(/^1 QR scans? and 0 link clicks? in the last \d+ days/)).toBeVisible();
    const leads = page.locator("[data-slot='card']", { has: page.locator("[data-slot='card-description']", { hasText: /^Leads$/ }) });
    await expect(leads.locator("[data-slot='card-title']")).toHaveText("1");
  });

  expect(ownerDialogs, "no dialog fired in the app").toEqual([]);
});

test("lead capture: the detail pages (a page's editor, a form, a link's stats) have 0 serious axe violations", async ({ page }) => {
  test.setTimeout(120_000);
  await signInWithPassword(page, "owner@demo.test", "demo-password", `/${ORG}/pages`);
  await expect(page).toHaveURL(new RegExp(`/${ORG}/pages`));
  const found: string[] = [];
  const check = async (label: string) => {
    await page.waitForLoadState("networkidle");
    let axe = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]);
    // Known limitation (docs/lead-capture.md, "Editor accessibility"): Puck 0.23's own editor markup
    // (zoom select without a name, preview iframe without a title, role=button block wrappers,
    // its drawer's contrast) is left out; everything of ours around it — toolbar, save status,
    // settings, versions and schedule — is checked.
    if (label === "page editor") axe = axe.exclude('[data-testid="page-editor"]');
    const results = await axe.analyze();
    for (const v of results.violations.filter((x) => x.impact === "critical" || x.impact === "serious")) {
      found.push(`${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)}`).slice(0, 4).join(" | ")}`);
    }
  };
  // The demo's records (services/demo): found from their lists, as a person would.
  const opened = async (list: string, name: string, label: string) => {
    await page.goto(`${APP}/${ORG}/${list}`);
    const link = page.getByRole("link", { name, exact: true }).first();
    await expect(link, `${name} on /${list}`).toBeVisible();
    await link.click();
    await expect(page).not.toHaveURL(new RegExp(`/${ORG}/${list}$`));
    await check(label);
  };
  await opened("pages", "Holiday pre-orders", "page editor");
  await opened("forms", FORM_NAME, "form page");
  await page.getByRole("tab", { name: "Submissions" }).click();
  await check("form page, submissions");
  await page.goto(`${APP}/${ORG}/links`);
  const first = page.getByTestId("link-row").first().locator(`a[href^="/${ORG}/links/"]`).first();
  await first.click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/links/[0-9a-f-]+`));
  await check("link stats");
  expect(found, found.join("\n")).toEqual([]);
});
