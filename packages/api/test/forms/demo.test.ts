import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { hostedFormResponse } from "../../src/services/lead-forms/http";
import { DEMO_FORM_SLUG, seedFormsDemo } from "../../src/services/demo/forms-demo";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";

/** The demo forms go through the real intake and job, and a second run adds nothing. */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("forms-demo");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

describe("seedFormsDemo", () => {
  it("creates Order a cake and Contact us with processed submissions, once", async () => {
    const lines: string[] = [];
    await seedFormsDemo({ organizationSlug: tenant.slug, log: (l) => lines.push(l) });
    await seedFormsDemo({ organizationSlug: tenant.slug, log: (l) => lines.push(l) });
    expect(lines).toEqual([expect.stringContaining("3 new submissions processed"), expect.stringContaining("0 new submissions processed")]);
    const form = await systemDb().leadForm.findFirstOrThrow({ where: { organizationId: tenant.id, slug: DEMO_FORM_SLUG } });
    const rows = await systemDb().formSubmission.findMany({ where: { formId: form.id } });
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === "PROCESSED" && r.contactId)).toBe(true);
    expect(await systemDb().leadForm.count({ where: { organizationId: tenant.id } })).toBe(2);
    const contact = await systemDb().contact.findFirstOrThrow({ where: { organizationId: tenant.id, primaryEmail: "olivia.hughes@example.co.uk" } });
    expect(contact.primaryPhone).toBe("+447911123456");
    expect(await systemDb().consentRecord.count({ where: { contactId: contact.id, method: "form" } })).toBe(1);
    expect((await hostedFormResponse(tenant.slug, DEMO_FORM_SLUG)).status).toBe(200);
  });
});
