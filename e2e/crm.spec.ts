import { expect, test, type Locator, type Page } from "@playwright/test";
import { confirmEmail, signInWithPassword, signUp } from "./support";

/**
 * The CRM end to end (issue 10 §7), as the demo owner in the client organization: import a CSV
 * (two rows update demo contacts by email, one is the same person as a contact made here under
 * another address, one is new) → the dry run's counts → start → done → the duplicate queue (after
 * a scan) → merge → the survivor's timeline has the merge → a deal for it → dragged across two
 * stages on the board (one real pointer drag, one "Move to stage") → the forecast moves with it.
 * Then "own records only": a viewer who owns exactly two contacts sees exactly those two.
 * Every name is unique per run, and the forecast is compared before and after (demo deals and
 * earlier runs stay), so re-runs against the same database give the same result.
 */
const ORG = "northwind-bakery";
// Two demo contacts (services/demo/crm-demo-records.ts) the import finds by email.
const DEMO_CONTACTS = [
  { first: "Alfie", last: "Jones", email: "alfie.jones@saffronespressobar.co.uk" },
  { first: "Lily", last: "Davies", email: "lily.davies@oldmillcoffeehouse.co.uk" },
] as const;

/** A pointer drag with intermediate moves, as dnd-kit's pointer sensor needs to see. */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.evaluate((el) => el.scrollIntoView({ block: "center", inline: "center" }));
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("Drag source or target is not visible");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  // The column's heading area: always inside the target stage, whatever cards it holds.
  await page.mouse.move(b.x + b.width / 2, b.y + 40, { steps: 20 });
  await page.mouse.up();
}

/** "$1,234.50" → 123450 (minor units of a two-decimal currency). */
function minor(text: string): number {
  const digits = text.replace(/[^0-9.]/g, "");
  return Math.round(Number(digits) * 100);
}

/**
 * The forecast's "No expected close date" line: weighted and total in minor units, and the count.
 * Only this run's deal adds to it (demo deals all have a date), but earlier runs' deals stay.
 */
async function undatedForecast(page: Page): Promise<{ weighted: number; total: number; count: number }> {
  await page.goto(`/${ORG}/deals?view=forecast`);
  const forecast = page.getByTestId("deal-forecast");
  await expect(forecast).toBeVisible();
  const currencies = forecast.getByRole("group", { name: "Forecast currency" });
  if ((await currencies.count()) > 0) await currencies.getByRole("button", { name: "USD" }).click();
  const line = forecast.locator("li", { hasText: "No expected close date:" });
  if ((await line.count()) === 0) return { weighted: 0, total: 0, count: 0 };
  const text = (await line.textContent()) ?? "";
  const match = /No expected close date:\s*(.+?) weighted of (.+?) \((\d+) deals?\)/.exec(text);
  if (!match) throw new Error(`Unexpected forecast line: ${text}`);
  return { weighted: minor(match[1] ?? ""), total: minor(match[2] ?? ""), count: Number(match[3]) };
}

async function createContact(page: Page, contact: { first: string; last: string; email: string; owner?: string }): Promise<void> {
  await page.goto(`/${ORG}/contacts`);
  await page.getByTestId("new-contact").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("First name").fill(contact.first);
  await dialog.getByLabel("Last name").fill(contact.last);
  await dialog.getByLabel("Email").fill(contact.email);
  if (contact.owner) {
    await dialog.getByRole("combobox", { name: "Owner" }).click();
    await page.getByRole("option", { name: contact.owner, exact: true }).click();
  }
  await dialog.getByRole("button", { name: "Create contact" }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel("Search contacts").fill(contact.last);
  await expect(page.getByTestId("contact-row").filter({ hasText: `${contact.first} ${contact.last}` })).toHaveCount(1);
}

async function setOwnRecordsOnly(page: Page, on: boolean): Promise<void> {
  await page.goto(`/${ORG}/settings/crm`);
  const toggle = page.getByRole("switch", { name: "Members see only the records they own" });
  await expect(toggle).toBeEnabled();
  if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
}

test("crm: import with a dry run, merge a duplicate, a deal across the board, the forecast, own records only", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const run = Date.now().toString(36);
  const domain = `q${run}.example.com`;
  // The contact made by hand, and the import's row for the same person under another address.
  const person = { first: "Marguerite", last: `Quill${run}`, email: `marguerite@${domain}` };
  const fullName = `${person.first} ${person.last}`;
  const newcomer = { first: "Benedict", last: `Larch${run}`, email: `benedict@${domain}` };
  const tag = `e2e-${run}`;

  await signInWithPassword(page, "owner@demo.test", "demo-password", `/${ORG}/contacts`);
  await expect(page).toHaveURL(new RegExp(`/${ORG}/contacts`));

  await test.step("a contact made by hand", async () => {
    await createContact(page, person);
  });

  await test.step("import: paste the CSV, the dry run counts two new and two updated, one likely duplicate", async () => {
    await page.goto(`/${ORG}/contacts/import`);
    const csv = [
      "First name,Last name,Email,Tags",
      ...DEMO_CONTACTS.map((c) => `${c.first},${c.last},${c.email},${tag}`),
      `${person.first},${person.last},marguerite.quill@${domain},${tag}`,
      `${newcomer.first},${newcomer.last},${newcomer.email},${tag}`,
    ].join("\n");
    await page.getByLabel(/paste the CSV text/).fill(csv);
    await page.getByRole("button", { name: "Check pasted text" }).click();
    await expect(page).toHaveURL(/[?&]import=/);
    const dry = page.locator("section", { has: page.getByRole("heading", { name: "4. Dry run: what the import will do" }) });
    const count = (label: string) => dry.locator("div", { has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
    await expect(count("New contacts")).toHaveText("2");
    await expect(count("Updated contacts")).toHaveText("2");
    await expect(count("Skipped rows")).toHaveText("0");
    await expect(count("Rows with errors")).toHaveText("0");
    const duplicates = dry.locator("table", { has: page.locator("caption", { hasText: "Likely duplicates (1)" }) });
    await expect(duplicates).toContainText(`${fullName}: same name as an existing contact`);
    await page.getByRole("button", { name: "Start import (4 contacts)" }).click();
  });

  await test.step("the import runs to the end", async () => {
    await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 60_000 });
    const run = page.locator("section", { has: page.getByRole("heading", { name: "Import finished" }) });
    await expect(run.getByText("Done", { exact: true })).toBeVisible();
    const count = (label: string) => run.locator("div", { has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
    await expect(count("Created")).toHaveText("2");
    await expect(count("Updated")).toHaveText("2");
    await run.getByRole("link", { name: "Review likely duplicates" }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/contacts/duplicates$`));
  });

  let survivorHref = "";
  await test.step("scan, then merge the pair into the older contact", async () => {
    const heading = page.getByRole("heading", { name: `${fullName} and ${fullName}` });
    // The import queues shared phones only; a similar name needs a scan.
    if ((await heading.count()) === 0) {
      await page.getByRole("button", { name: "Scan for duplicates" }).click();
      await expect(page.getByText(/Scan finished: \d+ exact and \d+ probable pairs/)).toBeVisible();
    }
    const more = page.getByRole("button", { name: "Show more pairs" });
    while ((await heading.count()) === 0 && (await more.count()) > 0) {
      await more.click();
      await expect(page.getByRole("button", { name: "Loading…" })).toHaveCount(0);
    }
    await expect(heading).toBeVisible();
    const card = page.locator("li", { has: heading });
    await expect(card).toContainText("same name");
    await expect(card).toContainText("Older — this record is kept");
    // The older record is the one made by hand (the table's first contact column).
    const olderLink = card.locator("thead th").nth(1).getByRole("link", { name: fullName });
    survivorHref = (await olderLink.getAttribute("href")) ?? "";
    expect(survivorHref).toMatch(new RegExp(`^/${ORG}/contacts/[0-9a-f-]{36}$`));
    await card.getByRole("button", { name: "Merge", exact: true }).click();
    const confirm = page.getByRole("alertdialog");
    await expect(confirm).toContainText(`Merge into ${fullName}?`);
    await confirm.getByRole("button", { name: "Merge" }).click();
    await expect(page.getByText(`Merged into ${fullName}`)).toBeVisible();
    await expect(heading).toHaveCount(0);
  });

  await test.step("the surviving contact has both addresses and the merge on its timeline", async () => {
    await page.goto(survivorHref);
    await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
    await expect(page.getByText(person.email).first()).toBeVisible();
    await expect(page.getByText(`marguerite.quill@${domain}`).first()).toBeVisible();
    const merged = page.getByTestId("timeline").locator('li[data-kind="MERGED"]');
    await expect(merged).toHaveCount(1);
    await expect(merged).toContainText("Merged");
    await expect(merged).toContainText(`Merged in: ${fullName}`);
  });

  const dealName = `Wholesale trial ${run}`;
  const before = await test.step("the forecast before the deal", async () => undatedForecast(page));

  await test.step("a deal for the contact, from its page", async () => {
    await page.goto(survivorHref);
    await page.getByRole("button", { name: "New deal" }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(`with ${fullName} as its contact`);
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(dealName);
    await dialog.getByLabel("Amount").fill("1000");
    await dialog.getByRole("button", { name: "Create deal" }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole("list", { name: "Deals" }).getByRole("link", { name: dealName })).toBeVisible();
  });

  const probabilities: number[] = [];
  await test.step("on the board: a pointer drag to the next stage, then Move to stage for the one after", async () => {
    await page.goto(`/${ORG}/deals`);
    const board = page.getByTestId("deal-board");
    const stages = board.getByTestId("deal-stage");
    await expect(stages.first()).toBeVisible();
    const stageNames = await stages.evaluateAll((els) => els.map((el) => el.getAttribute("data-stage") ?? ""));
    for (const stage of stageNames.slice(0, 3)) {
      const text = (await board.locator(`[data-testid="deal-stage"][data-stage="${stage}"]`).getByText(/% probability$/).textContent()) ?? "";
      probabilities.push(Number(/(\d+) % probability/.exec(text)?.[1]));
    }
    const [first = "", second = "", third = ""] = stageNames;
    const column = (stage: string) => board.locator(`[data-testid="deal-stage"][data-stage="${stage}"]`);
    const card = board.locator(`[data-testid="deal-card"][data-name="${dealName}"]`);
    await expect(column(first).locator(`[data-testid="deal-card"][data-name="${dealName}"]`)).toBeVisible();

    await drag(page, card.getByRole("button", { name: `Move ${dealName}` }), column(second));
    await expect(column(second).locator(`[data-testid="deal-card"][data-name="${dealName}"]`)).toBeVisible();
    // Saved, not only moved on screen: a reload shows it there.
    await page.reload();
    await expect(column(second).locator(`[data-testid="deal-card"][data-name="${dealName}"]`)).toBeVisible();

    await card.getByRole("button", { name: `Actions for ${dealName}` }).click();
    await page.getByRole("menuitem", { name: "Move to stage" }).click();
    await page.getByRole("menuitem", { name: third, exact: true }).click();
    await expect(column(third).locator(`[data-testid="deal-card"][data-name="${dealName}"]`)).toBeVisible();
    await page.reload();
    await expect(column(third).locator(`[data-testid="deal-card"][data-name="${dealName}"]`)).toBeVisible();
  });

  await test.step("the forecast: the deal counts at its new stage's probability", async () => {
    const after = await undatedForecast(page);
    expect(after.count).toBe(before.count + 1);
    expect(after.total).toBe(before.total + 100_000);
    expect(after.weighted).toBe(before.weighted + 1_000 * (probabilities[2] ?? Number.NaN));
  });

  // A viewer of this organization who owns exactly two contacts.
  const viewer = { name: `Vic Viewer ${run}`, email: `viewer-${run}@e2e.test` };
  let inviteUrl = "";
  await test.step("invite a viewer", async () => {
    await page.goto(`/${ORG}/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Email").fill(viewer.email);
    await dialog.getByRole("combobox", { name: "Role" }).click();
    await page.getByRole("option", { name: "Viewer" }).click();
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    const link = dialog.getByTestId("invite-link");
    await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]+$/);
    inviteUrl = await link.inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();
  });

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  try {
    await test.step("the viewer signs up, confirms the address and accepts", async () => {
      const invitePath = new URL(inviteUrl).pathname;
      await viewerPage.goto(invitePath);
      await viewerPage.getByRole("link", { name: "Create an account to accept" }).click();
      await signUp(viewerPage, viewer, invitePath);
      await expect(viewerPage).toHaveURL(new RegExp(`${invitePath}$`));
      await confirmEmail(viewerPage, viewer.email);
      await viewerPage.getByRole("link", { name: "Continue" }).click();
      await viewerPage.getByRole("button", { name: "Accept invitation" }).click();
      await expect(viewerPage).toHaveURL(new RegExp(`/${ORG}$`));
    });

    const owned = [
      { first: "Orla", last: `Owned${run}`, email: `orla@${domain}`, owner: viewer.name },
      { first: "Piers", last: `Owned${run}`, email: `piers@${domain}`, owner: viewer.name },
    ];
    await test.step("the owner gives the viewer two contacts and turns on own records only", async () => {
      for (const contact of owned) await createContact(page, contact);
      await setOwnRecordsOnly(page, true);
    });

    await test.step("the viewer's contacts table shows exactly those two", async () => {
      await viewerPage.goto(`/${ORG}/contacts`);
      const rows = viewerPage.getByTestId("contact-row");
      await expect(rows).toHaveCount(owned.length);
      for (const contact of owned) await expect(rows.filter({ hasText: `${contact.first} ${contact.last}` })).toHaveCount(1);
      // Not the merged contact, nor any demo contact.
      await expect(viewerPage.getByText(fullName)).toHaveCount(0);
    });

    await test.step("turned off, the viewer sees everyone again", async () => {
      await setOwnRecordsOnly(page, false);
      await viewerPage.reload();
      await expect(viewerPage.getByTestId("contact-row").nth(owned.length)).toBeVisible();
    });
  } finally {
    await viewerContext.close();
    // Never leave the demo organization restricted for the specs that follow.
    await setOwnRecordsOnly(page, false).catch(() => undefined);
  }
});
