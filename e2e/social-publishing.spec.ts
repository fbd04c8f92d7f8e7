import { expect, test, type Page } from "@playwright/test";
import { signInWithPassword } from "./support";

/**
 * Social publishing end to end, on the built-in Sandbox network: connect two Sandbox profiles
 * through the network's consent page → compose one post with a different text for the second
 * profile → schedule it for tomorrow, two minutes from now → it is on the calendar → drag it to
 * today (the time of day stays) → the app's scheduler publishes it → the status says Published,
 * and each Sandbox profile shows its own text.
 */
const ORG = "northwind-bakery";
// Fixed handles: a re-run reconnects the same Sandbox profiles instead of adding accounts.
const PROFILES = [
  { name: "Northwind E2E Main", handle: "northwind_e2e_main" },
  { name: "Northwind E2E Offers", handle: "northwind_e2e_offers" },
] as const;

/** Wall-clock date and time in `timeZone`, `minutes` from now (the org's zone, never the runner's). */
function zonedParts(timeZone: string, minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
}

function nextDay(date: string): string {
  const [y = 0, m = 1, d = 1] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

async function connectSandbox(page: Page, profile: { name: string; handle: string }): Promise<void> {
  await page.getByRole("button", { name: "Connect Sandbox" }).click();
  await expect(page).toHaveURL(/\/sandbox\/authorize\?/);
  await expect(page.getByRole("heading", { name: "Marketing Genius wants to post to your Sandbox profile" })).toBeVisible();
  await page.getByLabel("Profile name").fill(profile.name);
  await page.getByLabel("Handle").fill(profile.handle);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(new RegExp(`/${ORG}/accounts\\?connected=`));
  await expect(page.getByTestId("account-row").filter({ hasText: profile.name })).toBeVisible();
}

/**
 * A pointer drag with intermediate moves, as dnd-kit's pointer sensor needs to see. The target is
 * centred first: near a viewport edge the calendar auto-scrolls while dragging.
 */
async function drag(page: Page, from: ReturnType<Page["locator"]>, to: ReturnType<Page["locator"]>): Promise<void> {
  await to.evaluate((el) => el.scrollIntoView({ block: "center", inline: "center" }));
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error("Drag source or target is not visible");
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 10, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 20 });
  await page.mouse.up();
}

test("publishing: connect Sandbox, compose two variants, schedule, drag on the calendar, it publishes", async ({ page }) => {
  // Waits for a real scheduled time (about two minutes) and the app's own scheduler.
  test.setTimeout(300_000);
  const run = Date.now().toString(36);
  const baseText = `Fresh sourdough at Northwind today ${run} #bakery`;
  const variantText = `Two croissants for one, only today ${run}`;

  await test.step("sign in and connect two Sandbox profiles through the consent page", async () => {
    await signInWithPassword(page, "owner@demo.test", "demo-password", `/${ORG}/accounts`);
    await expect(page).toHaveURL(new RegExp(`/${ORG}/accounts`));
    for (const profile of PROFILES) await connectSandbox(page, profile);
  });

  const [main, offers] = PROFILES;
  let timezone = "";
  let when = { date: "", time: "" };
  let tomorrow = "";
  let postId = "";

  await test.step("compose: base text for one profile, an override for the other", async () => {
    await page.goto(`/${ORG}/posts/new`);
    timezone = (await page.getByTestId("org-timezone").first().getAttribute("data-timezone")) ?? "";
    expect(timezone).not.toBe("");
    // The accounts load from the API, so once they are listed the form is live (typing earlier could be lost to hydration).
    for (const profile of PROFILES) await page.getByTestId("account-option").filter({ hasText: `@${profile.handle}` }).click();
    await expect(page.getByRole("checkbox", { checked: true })).toHaveCount(2);
    await page.locator("#post-content").fill(baseText);

    await page.getByTestId("variant-tab").filter({ hasText: `@${offers.handle}` }).click();
    await page.getByRole("switch", { name: "Text: use base" }).click();
    await page.getByLabel(`Text for ${offers.name}`).fill(variantText);
    await expect(page.getByTestId("variant-tab").filter({ hasText: `@${offers.handle}` }).getByLabel("customised")).toBeVisible();
  });

  await test.step("schedule it for tomorrow, two minutes from now (in the organization's zone)", async () => {
    when = zonedParts(timezone, 2);
    tomorrow = nextDay(when.date);
    await page.getByLabel("Date", { exact: true }).fill(tomorrow);
    await page.getByLabel("Time", { exact: true }).fill(when.time);
    await expect(page.getByTestId("resolved-time")).toContainText("Goes out");
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${ORG}/posts/[0-9a-f-]{36}$`));
    postId = page.url().split("/").at(-1) ?? "";
    await expect(page.getByTestId("post-status-panel")).toContainText("Scheduled");
  });

  await test.step("it is on the calendar, on tomorrow at that time", async () => {
    await page.goto(`/${ORG}/calendar?view=month&date=${when.date}`);
    await expect(page.getByTestId("org-timezone").first()).toContainText(timezone);
    const chip = page.locator(`[data-testid="calendar-post"][data-post-id="${postId}"]`);
    await expect(chip).toHaveAttribute("data-local-time", `${tomorrow}T${when.time}`);
    await expect(page.locator(`[data-testid="calendar-day"][data-date="${tomorrow}"]`).locator(`[data-post-id="${postId}"]`)).toBeVisible();
  });

  await test.step("drag it to today: the day changes, the time of day stays", async () => {
    const chip = page.locator(`[data-testid="calendar-post"][data-post-id="${postId}"]`);
    await drag(page, chip, page.locator(`[data-testid="calendar-day"][data-date="${when.date}"]`));
    await expect(page.getByText(/^Moved to /)).toBeVisible();
    await expect(page.locator(`[data-testid="calendar-day"][data-date="${when.date}"]`).locator(`[data-post-id="${postId}"]`)).toBeVisible();
    await expect(chip).toHaveAttribute("data-local-time", `${when.date}T${when.time}`);
  });

  await test.step("it publishes on time and the status says Published", async () => {
    await page.goto(`/${ORG}/posts/${postId}`);
    const panel = page.getByTestId("post-status-panel");
    await expect(panel.getByTestId("target-status").filter({ hasText: `@${main.handle}` })).toHaveAttribute("data-status", "PUBLISHED", { timeout: 210_000 });
    await expect(panel.getByTestId("target-status").filter({ hasText: `@${offers.handle}` })).toHaveAttribute("data-status", "PUBLISHED", { timeout: 60_000 });
    await expect(panel.getByRole("heading", { name: /Status/ })).toContainText("Published");
  });

  await test.step("each Sandbox profile shows its own text", async () => {
    const panel = page.getByTestId("post-status-panel");
    const mainUrl = await panel.getByTestId("target-status").filter({ hasText: `@${main.handle}` }).getByRole("link", { name: /View on Sandbox/ }).getAttribute("href");
    const offersUrl = await panel.getByTestId("target-status").filter({ hasText: `@${offers.handle}` }).getByRole("link", { name: /View on Sandbox/ }).getAttribute("href");
    await page.goto(mainUrl!);
    await expect(page.getByTestId("sandbox-post")).toContainText(baseText);
    await page.goto(offersUrl!);
    await expect(page.getByTestId("sandbox-post")).toContainText(variantText);
    await expect(page.getByTestId("sandbox-post")).toContainText(`@${offers.handle}`);
  });
});
