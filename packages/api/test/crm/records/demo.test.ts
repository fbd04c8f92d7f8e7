import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCrmRecords } from "../../../src/services/demo/crm-demo-records";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../../fixtures";

/** The demo records: realistic volumes through the same rules the app enforces, and idempotent. */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-demo");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

describe("seedCrmRecords", () => {
  it("creates ~300 contacts and 40 companies with fields, consents and timelines, once", async () => {
    const members = [tenant.users.OWNER.id, tenant.users.ADMIN.id];
    const first = await withOrg(tenant.id, (db) => seedCrmRecords(db, { id: tenant.id, country: "GB" }, members), { timeout: 60_000 });
    expect(first.contactIds.length).toBe(300);
    expect(first.companyIds.length).toBe(40);
    const again = await withOrg(tenant.id, (db) => seedCrmRecords(db, { id: tenant.id, country: "GB" }, members), { timeout: 60_000 });
    expect(again.companyIds.sort()).toEqual([...first.companyIds].sort());
    expect(await systemDb().contact.count({ where: { organizationId: tenant.id } })).toBe(300);

    const caller = callerFor(tenant.users.OWNER, tenant.slug);
    const page = await caller.contacts.list({ limit: 5, sort: { field: "name", direction: "asc" } });
    expect(page.columns.map((c) => c.label)).toEqual(["Favourite product", "Annual spend", "Wholesale account"]);
    const withCompany = await systemDb().contact.findFirstOrThrow({ where: { organizationId: tenant.id, companyId: { not: null } } });
    const got = await caller.contacts.get({ contactId: withCompany.id });
    if (got.kind !== "contact") throw new Error("expected a contact");
    expect(got.contact.primaryPhone).toMatch(/^\+447\d{9}$/);
    expect(got.contact.primaryEmail?.endsWith(".co.uk")).toBe(true);
    expect((await caller.contacts.timeline({ contactId: withCompany.id })).entries.some((e) => e.kind === "CONTACT_CREATED")).toBe(true);
    expect(await systemDb().consentRecord.count({ where: { organizationId: tenant.id } })).toBeGreaterThan(100);
    expect(await systemDb().activity.count({ where: { organizationId: tenant.id, kind: { in: ["NOTE", "CALL"] } } })).toBeGreaterThan(50);
    expect(await systemDb().contactPhone.count({ where: { organizationId: tenant.id } })).toBe(300);
    // Unique keys hold: every live email once.
    const emails = await systemDb().contactEmail.findMany({ where: { organizationId: tenant.id }, select: { emailKey: true } });
    expect(new Set(emails.map((e) => e.emailKey)).size).toBe(300);
  });
});
