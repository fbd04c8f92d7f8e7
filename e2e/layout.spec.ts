import { expect, test, type Page } from "@playwright/test";
import { ORG_PAGES, signInWithPassword } from "./support";

/**
 * No page scrolls sideways: on a phone and on a laptop, the page is never wider than the window.
 * Wide tables, boards and calendars scroll inside their own containers; a page-level overflow
 * hides the navigation and actions off-screen (a one-column grid once grew to a table's width).
 */
const APP = "http://localhost:3000";
const WIDTHS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

/** How many CSS pixels the document is wider than the window, and the widest offending element. */
async function sidewaysOverflow(page: Page): Promise<{ overflow: number; widest: string }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const overflow = root.scrollWidth - root.clientWidth;
    let widest = "";
    let right = root.clientWidth;
    // Only what sticks out of the page itself: content inside a scrolling container is fine.
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") return true;
      }
      return false;
    };
    if (overflow > 0) {
      for (const el of Array.from(document.querySelectorAll("body *"))) {
        const box = el.getBoundingClientRect();
        if (box.right > right + 0.5 && !clipped(el)) {
          right = box.right;
          widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.getAttribute("class") ?? "").split(/\s+/).slice(0, 4).join(".")}`;
        }
      }
    }
    return { overflow, widest };
  });
}

for (const size of WIDTHS) {
  test(`no page of an agency or a client scrolls sideways (${size.name}, ${size.width} px)`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signInWithPassword(page, "owner@demo.test", "demo-password");
    await expect(page).toHaveURL(/\/brightwave/);
    const pages = [...ORG_PAGES("brightwave"), ...ORG_PAGES("northwind-bakery"), `${APP}/brightwave/clients`, `${APP}/account`];
    const wide: string[] = [];
    for (const url of pages) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      const { overflow, widest } = await sidewaysOverflow(page);
      if (overflow > 0) wide.push(`${url}: ${overflow}px wider than the window (widest: ${widest})`);
    }
    // A contact's own page (the first of the list): the timeline and side cards must fit too.
    await page.goto(`${APP}/northwind-bakery/contacts`);
    const contact = page.locator('main a[href^="/northwind-bakery/contacts/"]:not([href$="/import"]):not([href$="/duplicates"]):not([href$="/segments"]):not([href$="/lists"])').first();
    const href = await contact.getAttribute("href");
    if (!href) throw new Error("no contact link on the contacts page");
    await page.goto(`${APP}${href}`);
    await page.waitForLoadState("networkidle");
    const own = await sidewaysOverflow(page);
    if (own.overflow > 0) wide.push(`contact page: ${own.overflow}px wider than the window (widest: ${own.widest})`);
    expect(wide, wide.join("\n")).toEqual([]);
  });
}
