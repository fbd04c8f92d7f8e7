import { expect, test } from "@playwright/test";
import { signUp, unique } from "./support";

test("an outsider gets the same 404 for a real organization and an unknown one", async ({ page }) => {
  const id = unique("outsider");
  await signUp(page, { name: "Otto Outsider", email: `${id}@e2e.test` });
  await expect(page).toHaveURL(/\/onboarding$/);

  for (const path of ["/brightwave", "/brightwave/members", `/${id}-does-not-exist`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.getByText("Brightwave")).toHaveCount(0);
  }

  // The API agrees, and says nothing more.
  const response = await page.request.get("/api/trpc/organization.current", { headers: { "x-org-slug": "brightwave" } });
  expect(response.status()).toBe(404);
});

test("signed-out visitors are sent to sign in and brought back", async ({ page }) => {
  await page.goto("/brightwave/members");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fbrightwave%2Fmembers/);
  const form = page.getByTestId("sign-in-form");
  await form.getByLabel("Email", { exact: true }).fill("admin@demo.test");
  await form.getByLabel("Password", { exact: true }).fill("demo-password");
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/brightwave\/members$/);
  await expect(page.getByTestId("members-table")).toBeVisible();
  await expect(page.getByTestId("members-table").getByRole("cell", { name: "owner@demo.test" })).toBeVisible();
});
