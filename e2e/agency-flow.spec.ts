import { expect, test } from "@playwright/test";
import { confirmEmail, expectOrgName, signUp, slugOf, unique } from "./support";

/**
 * The agency journey end to end: sign up → create an agency → two clients → two tabs on two
 * clients at once → invite a viewer → the viewer accepts in their own browser → read-only
 * settings in the UI, and a direct API call is refused (403) without changing anything.
 */
test("agency: clients in two tabs, invite a viewer, viewer cannot change settings", async ({ page, context, browser }) => {
  const id = unique("flow");
  const owner = { name: "Olga Agency", email: `${id}-owner@e2e.test` };
  const agencyName = `Agency ${id}`;
  const clientA = `Client A ${id}`;
  const clientB = `Client B ${id}`;
  const renamedA = `${clientA} Renamed`;

  await test.step("sign up, then confirm the address from the mailed link", async () => {
    await signUp(page, owner);
    await expect(page).toHaveURL(/\/onboarding$/);
    // Unconfirmed: the form says why it cannot create anything yet.
    await expect(page.getByTestId("email-verification-notice")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create business" })).toBeDisabled();
    await confirmEmail(page, owner.email);
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL(/\/onboarding$/);
    await expect(page.getByTestId("email-verification-notice")).toHaveCount(0);
  });

  await test.step("onboarding: create an agency", async () => {
    await page.locator("label").filter({ hasText: "Run marketing for many clients" }).click();
    await expect(page.getByRole("radio", { name: /Agency/ })).toBeChecked();
    await page.getByLabel("Agency name").fill(agencyName);
    await page.getByRole("button", { name: "Create agency" }).click();
    await expect(page.getByTestId("org-name-heading")).toHaveText(agencyName);
    await expectOrgName(page, agencyName);
  });
  const agencySlug = slugOf(page);

  await test.step("add two clients from the Clients page", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).click();
    await expect(page).toHaveURL(new RegExp(`/${agencySlug}/clients$`));
    for (const name of [clientA, clientB]) {
      await page.getByRole("button", { name: "Add client" }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Client name").fill(name);
      await dialog.getByRole("button", { name: "Add client" }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByTestId("clients-table").getByRole("link", { name })).toBeVisible();
    }
  });

  const hrefA = await page.getByTestId("clients-table").getByRole("link", { name: clientA }).getAttribute("href");
  const hrefB = await page.getByTestId("clients-table").getByRole("link", { name: clientB }).getAttribute("href");
  const slugA = hrefA!.replace(/^\//, "");
  const slugB = hrefB!.replace(/^\//, "");
  expect(slugA).not.toEqual(slugB);

  await test.step("two tabs on two client organizations, side by side", async () => {
    const tabA = page;
    const tabB = await context.newPage();
    await tabA.goto(`/${slugA}/settings`);
    await tabB.goto(`/${slugB}/settings`);
    await expectOrgName(tabA, clientA);
    await expectOrgName(tabB, clientB);

    // Act in A…
    await tabA.getByLabel("Organization name").fill(renamedA);
    await tabA.getByRole("button", { name: "Save changes" }).click();
    await expect(tabA.getByText("Settings saved")).toBeVisible();
    await expectOrgName(tabA, renamedA);

    // …and in B, whose page was loaded before A changed: it still talks to B.
    await tabB.getByLabel("Industry").fill("Bakery & café");
    await tabB.getByRole("button", { name: "Save changes" }).click();
    await expect(tabB.getByText("Settings saved")).toBeVisible();
    await expect(tabB.getByLabel("Organization name")).toHaveValue(clientB);

    // Each tab reads its own organization.
    await tabB.reload();
    await expect(tabB.getByLabel("Organization name")).toHaveValue(clientB);
    await expect(tabB.getByLabel("Industry")).toHaveValue("Bakery & café");
    await tabA.reload();
    await expect(tabA.getByLabel("Organization name")).toHaveValue(renamedA);
    await expect(tabA.getByLabel("Industry")).toHaveValue("");

    await tabA.goto(`/${slugA}`);
    await tabB.goto(`/${slugB}`);
    await expect(tabA.getByTestId("org-name-heading")).toHaveText(renamedA);
    await expect(tabB.getByTestId("org-name-heading")).toHaveText(clientB);
    await expect(tabA.getByTestId("managed-by")).toContainText(agencyName);
    await tabB.close();
  });

  const invitee = { name: "Vera Viewer", email: `${id}-viewer@e2e.test` };
  let inviteUrl = "";

  await test.step("invite a viewer and read the link from the UI", async () => {
    await page.goto(`/${slugA}/members`);
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Email").fill(invitee.email);
    await dialog.getByRole("combobox", { name: "Role" }).click();
    await page.getByRole("option", { name: "Viewer" }).click();
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    const link = dialog.getByTestId("invite-link");
    await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]+$/);
    inviteUrl = await link.inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("pending-invitations").getByText(invitee.email)).toBeVisible();
  });

  const inviteeContext = await browser.newContext();
  const viewer = await inviteeContext.newPage();
  try {
    await test.step("the invitee signs up with the invited address and accepts", async () => {
      const invitePath = new URL(inviteUrl).pathname;
      await viewer.goto(invitePath);
      await expect(viewer.getByTestId("invitation-org")).toHaveText(renamedA);
      await expect(viewer.getByTestId("invitation-role")).toHaveText("Viewer");
      await viewer.getByRole("link", { name: "Create an account to accept" }).click();
      await expect(viewer.getByLabel("Email", { exact: true })).toHaveValue(invitee.email);
      await signUp(viewer, invitee, invitePath);
      await expect(viewer).toHaveURL(new RegExp(`${invitePath}$`));
      // An account that has not confirmed its address cannot accept (pre-hijacking).
      await expect(viewer.getByTestId("email-verification-notice")).toBeVisible();
      await expect(viewer.getByRole("button", { name: "Accept invitation" })).toHaveCount(0);
      await confirmEmail(viewer, invitee.email);
      // The confirmation link brings the invitee back to the invitation.
      await viewer.getByRole("link", { name: "Continue" }).click();
      await expect(viewer).toHaveURL(new RegExp(`${invitePath}$`));
      await viewer.getByRole("button", { name: "Accept invitation" }).click();
      await expect(viewer).toHaveURL(new RegExp(`/${slugA}$`));
      await expect(viewer.getByTestId("org-name-heading")).toHaveText(renamedA);
    });

    await test.step("as a viewer, settings are read-only and the API refuses changes", async () => {
      const nav = viewer.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);

      await viewer.goto(`/${slugA}/settings`);
      await expect(viewer.getByTestId("settings-read-only")).toContainText("Only owners and admins can change settings");
      await expect(viewer.getByLabel("Organization name")).toBeDisabled();
      await expect(viewer.getByRole("button", { name: "Save changes" })).toHaveCount(0);

      const response = await viewer.request.post("/api/trpc/organization.updateSettings", {
        headers: { "x-org-slug": slugA, "content-type": "application/json" },
        data: { json: { name: "Hacked", timezone: "UTC", industry: null, country: null } },
      });
      expect(response.status()).toBe(403);
      const body = (await response.json()) as { error?: { json?: { data?: { code?: string } } } };
      expect(body.error?.json?.data?.code).toBe("FORBIDDEN");

      await viewer.reload();
      await expect(viewer.getByLabel("Organization name")).toHaveValue(renamedA);
      await expectOrgName(viewer, renamedA);
    });
  } finally {
    await inviteeContext.close();
  }
});
