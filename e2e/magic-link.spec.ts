import { expect, test } from "@playwright/test";

/** A seeded user signs in with a link read from the dev outbox (mail is captured offline). */
test("sign in with a magic link from the dev outbox", async ({ page }) => {
  const email = "analyst@demo.test";
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "Email link" }).click();
  const form = page.getByTestId("magic-link-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByRole("button", { name: "Email me a sign-in link" }).click();

  await expect(page).toHaveURL(/\/sign-in\/check-email/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: "Open the dev outbox" }).click();

  // Newest first: the first mail to this address is the one just sent.
  const mail = page.getByTestId("outbox-mail").first();
  await expect(mail.getByTestId("outbox-mail-to")).toHaveText(email);
  const link = mail.getByRole("link", { name: /\/api\/auth\/callback\/email/ });
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  await page.goto(new URL(href!).pathname + new URL(href!).search);

  // Signed in: `/` sends the analyst to their first organization.
  await expect(page).toHaveURL(/\/brightwave$/);
  await expect(page.getByTestId("org-name-heading")).toHaveText("Brightwave Agency");
  await expect(page.getByTestId("user-menu").first()).toBeVisible();
});
