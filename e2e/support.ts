import { expect, type Page } from "@playwright/test";

/** Unique per run, so re-runs against the same database never collide. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export const PASSWORD = "correct-horse-battery-staple";

export async function signUp(page: Page, user: { name: string; email: string; password?: string }, callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-up");
  await page.getByLabel("Your name").fill(user.name);
  const email = page.getByLabel("Email", { exact: true });
  // The invitation flow pre-fills the address.
  if ((await email.inputValue()) !== user.email) await email.fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password ?? PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
}

/**
 * Opens the newest "Confirm your email" mail to `email` from the dev outbox and confirms the
 * address on the page its link opens (a deliberate click, as a person would). Ends on that page.
 */
export async function confirmEmail(page: Page, email: string): Promise<void> {
  await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
  const mail = page.getByTestId("outbox-mail").filter({ hasText: "Confirm your email" }).first();
  const href = await mail.getByRole("link", { name: /\/verify-email\// }).first().getAttribute("href");
  if (!href) throw new Error(`no confirmation link mailed to ${email}`);
  const url = new URL(href);
  await page.goto(url.pathname + url.search);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByTestId("email-confirmed")).toBeVisible();
}

export async function signInWithPassword(page: Page, email: string, password: string, callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  const form = page.getByTestId("sign-in-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Password", { exact: true }).fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
}

/** The organization slug of the page's URL (`/acme/settings` → `acme`). */
export function slugOf(page: Page): string {
  const slug = new URL(page.url()).pathname.split("/").filter(Boolean)[0];
  if (!slug) throw new Error(`No organization in ${page.url()}`);
  return slug;
}

export async function expectOrgName(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId("current-org-name").first()).toHaveText(name);
}

/** Every page of an organization, for the e2e sweeps over all pages (accessibility, layout). */
export const ORG_PAGES = (slug: string): string[] =>
  [
    "",
    "/calendar",
    "/calendar?view=week",
    "/calendar?view=list",
    "/posts",
    "/posts/new",
    "/posts/import",
    "/accounts",
    "/media",
    "/campaigns",
    "/analytics",
    "/ab-tests",
    "/members",
    "/settings",
    "/audit",
    // The CRM (issue 10).
    "/contacts",
    "/contacts/import",
    "/contacts/duplicates",
    "/contacts/segments",
    "/contacts/lists",
    "/contacts/exports",
    "/companies",
    "/deals",
    "/deals?view=list",
    "/deals?view=forecast",
    "/tasks",
    "/settings/crm",
    // Lead capture (issue 11).
    "/pages",
    "/forms",
    "/forms/settings",
    "/links",
    "/settings/scoring",
  ].map((path) => `http://localhost:3000/${slug}${path}`);
