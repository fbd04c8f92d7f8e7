import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ORG_PAGES, signInWithPassword } from "./support";

/**
 * axe-core over every page of both apps, light and dark (issue 9): 0 critical and 0 serious
 * violations. Pages are opened as the people who use them — signed out, the agency owner, a
 * client organization — and the report names each violation's rule and elements.
 */
const APP = "http://localhost:3000";
const SITE = "http://localhost:3001";
const AGENCY = "brightwave";
const CLIENT = "northwind-bakery";
const SCHEMES = ["light", "dark"] as const;

/** Every page's critical and serious violations, collected so one run reports all of them. */
class Findings {
  private readonly lines: string[] = [];

  async check(page: Page, label: string): Promise<void> {
    // Client components finish rendering (data, charts) before the check.
    await page.waitForLoadState("networkidle");
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    for (const v of results.violations.filter((x) => x.impact === "critical" || x.impact === "serious")) {
      this.lines.push(`${label}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html.slice(0, 120)}`).slice(0, 4).join(" | ")}`);
    }
  }

  expectNone(): void {
    expect(this.lines, this.lines.join("\n")).toEqual([]);
  }
}

const SIGNED_OUT = [`${APP}/sign-in`, `${APP}/sign-up`, `${APP}/sign-in/check-email?email=someone%40example.com`, `${APP}/verify-email/not-a-real-token-0000000000`, `${APP}/invite/not-a-real-token-0000000000`];
const SITE_PAGES = [
  `${SITE}/`,
  `${SITE}/pricing`,
  `${SITE}/no-such-page`,
  // Lead capture (issue 11): a published demo landing page (with its form and the consent banner) and a hosted form.
  `${SITE}/p/${CLIENT}/holiday-preorders`,
  `${SITE}/f/${CLIENT}/order-a-cake`,
];

for (const scheme of SCHEMES) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    test("the marketing site and the signed-out pages", async ({ page }) => {
      const findings = new Findings();
      for (const url of [...SITE_PAGES, ...SIGNED_OUT]) {
        await page.goto(url);
        await findings.check(page, `${scheme} ${url}`);
      }
      findings.expectNone();
    });

    test("every page of an agency and of a client, as the owner", async ({ page }) => {
      // About 45 pages per scheme, each settled (networkidle) and analysed.
      test.setTimeout(600_000);
      const findings = new Findings();
      await signInWithPassword(page, "owner@demo.test", "demo-password");
      await expect(page).toHaveURL(new RegExp(`/${AGENCY}`));
      const extra = [`${APP}/${AGENCY}/clients`, `${APP}/account`, `${APP}/onboarding`, `${APP}/${AGENCY}/no-such-page`];
      for (const url of [...ORG_PAGES(AGENCY), ...ORG_PAGES(CLIENT), ...extra]) {
        await page.goto(url);
        await findings.check(page, `${scheme} ${url}`);
      }
      // A post's own page and a campaign's page (found from the lists).
      await page.goto(`${APP}/${CLIENT}/posts`);
      const postHref = await page.locator(`a[href^="/${CLIENT}/posts/"]:not([href$="/new"]):not([href$="/import"])`).first().getAttribute("href");
      if (!postHref) throw new Error("no post link on the posts page");
      await page.goto(`${APP}${postHref}`);
      await findings.check(page, `${scheme} post page`);
      await page.goto(`${APP}/${CLIENT}/campaigns`);
      const campaignHref = await page.locator(`a[href^="/${CLIENT}/campaigns/"]`).first().getAttribute("href");
      if (!campaignHref) throw new Error("no campaign link on the campaigns page");
      await page.goto(`${APP}${campaignHref}`);
      await findings.check(page, `${scheme} campaign page`);
      // A contact's, a company's and a deal's own page (the first of each list).
      for (const [list, label] of [
        ["contacts", "contact page"],
        ["companies", "company page"],
        ["deals?view=list", "deal page"],
      ] as const) {
        const base = list.split("?")[0] ?? list;
        await page.goto(`${APP}/${CLIENT}/${list}`);
        const link = page.locator(`main a[href^="/${CLIENT}/${base}/"]:not([href$="/import"]):not([href$="/duplicates"]):not([href$="/segments"]):not([href$="/lists"])`).first();
        await expect(link, `a link to a ${label} on /${list}`).toBeVisible();
        const href = await link.getAttribute("href");
        if (!href) throw new Error(`no ${label} link on /${list}`);
        await page.goto(`${APP}${href}`);
        await findings.check(page, `${scheme} ${label}`);
      }
      findings.expectNone();
    });
  });
}
