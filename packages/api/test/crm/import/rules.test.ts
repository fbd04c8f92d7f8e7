import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleLocalContactImports } from "@mg/jobs";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { liveContactCount, seedContact } from "./helpers";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-import-rules");
  // No country: national numbers cannot be read, international ones can.
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const admin = () => callerFor(tenant.users.ADMIN, tenant.slug);

async function importAndRun(csvText: string, options: { matchKey?: "email" | "phone" | "externalId"; updateRule?: "fill_empty" | "overwrite" } = {}) {
  const { import: record } = await admin().contactImports.preview({ fileName: "rules.csv", csvText, ...options });
  await admin().contactImports.start({ importId: record.id });
  await settleLocalContactImports();
  return { preview: record.preview, done: await admin().contactImports.get({ importId: record.id }) };
}

describe("match keys and update rules", () => {
  it("overwrite replaces what differs (and undo puts it back)", async () => {
    const id = await seedContact(tenant, { firstName: "Olga", lastName: "Berg", email: "olga@berg.test", jobTitle: "Intern" });
    const { done } = await importAndRun("email,job title,lifecycle stage\nolga@berg.test,Director,customer", { updateRule: "overwrite" });
    expect(done.updatedCount).toBe(1);
    expect(await systemDb().contact.findFirstOrThrow({ where: { id } })).toMatchObject({ jobTitle: "Director", lifecycleStage: "CUSTOMER" });
    await admin().contactImports.undo({ importId: done.id });
    expect(await systemDb().contact.findFirstOrThrow({ where: { id } })).toMatchObject({ jobTitle: "Intern", lifecycleStage: "LEAD" });
  });

  it("by phone: an international number matches the stored E.164; a national one needs the organization's country", async () => {
    const id = await seedContact(tenant, { firstName: "Pia", email: "pia@berg.test", phone: "+4915123456789" });
    const before = await liveContactCount(tenant);
    const { preview, done } = await importAndRun("phone,first name,job title\n+49 151 23456789,Pia,Chef\n0151 23456789,Pia,Chef", { matchKey: "phone" });
    expect(preview.errors).toEqual([expect.objectContaining({ row: 2, field: "phone", message: expect.stringContaining("country code") })]);
    expect(done).toMatchObject({ updatedCount: 1, createdCount: 0, errorCount: 1 });
    expect(await liveContactCount(tenant)).toBe(before);
    expect((await systemDb().contact.findFirstOrThrow({ where: { id } })).jobTitle).toBe("Chef");
  });

  it("by external id, case-insensitively; an email owned by another contact is refused, not stolen", async () => {
    const id = await seedContact(tenant, { firstName: "Quinn", externalId: "HS-42" });
    await seedContact(tenant, { firstName: "Other", email: "taken@berg.test" });
    const { done } = await importAndRun("external id,email,job title\nhs-42,quinn@berg.test,Baker\nHS-43,taken@berg.test,Baker", { matchKey: "externalId" });
    expect(done).toMatchObject({ updatedCount: 1, createdCount: 0, errorCount: 1 });
    const quinn = await systemDb().contact.findFirstOrThrow({ where: { id }, include: { emails: true } });
    expect(quinn).toMatchObject({ jobTitle: "Baker", primaryEmail: "quinn@berg.test" });
    expect(quinn.emails.map((e) => e.email)).toEqual(["quinn@berg.test"]);
    const report = await admin().contactImports.errorReport({ importId: done.id });
    expect(report.csv).toContain("taken@berg.test already belongs to another contact");
  });
});
