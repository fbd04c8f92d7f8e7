import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { confirmEmail, signUp, slugOf, unique } from "./support";

/**
 * Exports of any size (issue 10 §5), in a business of its own so the demo data stays as it is:
 * import 6,000 contacts → "Export all" is prepared in the background (progress on the button,
 * the file downloads by itself when ready) → every contact is in the file once → the Exports
 * page lists it with a working Download link → two picked rows export at once.
 */
const ROWS = 6_000;

async function downloaded(page: Page, start: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 90_000 }), start()]);
  const path = await download.path();
  if (!path) throw new Error("the download has no file");
  return readFile(path, "utf8");
}

test("crm exports: a large export is prepared in the background and downloads when ready; a small one at once", async ({ page }) => {
  test.setTimeout(240_000);
  const id = unique("export");
  const owner = { name: "Ezra Export", email: `${id}@e2e.test` };

  await test.step("a new business", async () => {
    await signUp(page, owner);
    await expect(page).toHaveURL(/\/onboarding$/);
    await confirmEmail(page, owner.email);
    await page.getByRole("link", { name: "Continue" }).click();
    await page.getByLabel("Business name").fill(`Exports ${id}`);
    await page.getByRole("button", { name: "Create business" }).click();
    await expect(page.getByTestId("org-name-heading")).toHaveText(`Exports ${id}`);
  });
  const slug = slugOf(page);

  await test.step(`import ${ROWS.toLocaleString("en")} contacts`, async () => {
    await page.goto(`/${slug}/contacts/import`);
    const csv = ["First name,Last name,Email", ...Array.from({ length: ROWS }, (_, i) => `Row${i},Export,row${i}@${id}.example.com`)].join("\n");
    await page.getByLabel(/paste the CSV text/).fill(csv);
    await page.getByRole("button", { name: "Check pasted text" }).click();
    await page.getByRole("button", { name: `Start import (${ROWS.toLocaleString("en")} contacts)` }).click();
    await expect(page.getByRole("heading", { name: "Import finished" })).toBeVisible({ timeout: 90_000 });
  });

  await test.step("Export all: prepared in the background, downloaded when ready, every contact once", async () => {
    await page.goto(`/${slug}/contacts`);
    const button = page.getByTestId("export-button");
    const text = await downloaded(page, async () => {
      await button.click();
      await expect(page.getByText(`Preparing ${ROWS.toLocaleString("en")} contacts…`)).toBeVisible();
    });
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toMatch(/^id,first_name,last_name,email,/);
    expect(lines).toHaveLength(ROWS + 1);
    expect(new Set(lines.map((l) => l.split(",")[0])).size).toBe(ROWS + 1);
    await expect(page.getByText(`Exported ${ROWS.toLocaleString("en")} contacts.`)).toBeVisible();
  });

  await test.step("the Exports page lists the file with a working download", async () => {
    await page.goto(`/${slug}/contacts/exports`);
    const row = page.getByTestId("export-row").first();
    await expect(row).toContainText("Ready");
    await expect(row).toContainText(`${ROWS.toLocaleString("en")} contacts`);
    const again = await downloaded(page, () => row.getByRole("link", { name: /^Download / }).click());
    expect(again.split("\r\n").filter(Boolean)).toHaveLength(ROWS + 1);
  });

  await test.step("the filled Exports page: no serious axe violation in light and dark, no sideways scroll on a phone", async () => {
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.reload();
      await expect(page.getByTestId("export-row").first()).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => `${colorScheme}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
      expect(serious).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId("export-row").first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: "light" });
  });

  await test.step("two picked contacts export at once", async () => {
    await page.goto(`/${slug}/contacts`);
    const rows = page.getByTestId("contact-row");
    await rows.nth(0).getByRole("checkbox").check();
    await rows.nth(1).getByRole("checkbox").check();
    const text = await downloaded(page, () => page.getByRole("button", { name: "Export", exact: true }).click());
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(3);
    await expect(page.getByText("Exported 2 contacts.")).toBeVisible();
  });
});
