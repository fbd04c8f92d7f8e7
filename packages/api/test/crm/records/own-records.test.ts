import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";

/**
 * "Members see only the records they own": with the setting on, a VIEWER who owns some contacts
 * sees only those in the list, the 360° page and the timeline — others' answer NOT_FOUND like an
 * unknown id — while admins still see everything.
 */
let tenant: Tenant;
let mine: string;
let theirs: string;
let myCompany: string;
let theirCompany: string;
beforeAll(async () => {
  tenant = await createTenant("crm-own");
  const owner = callerFor(tenant.users.OWNER, tenant.slug);
  mine = (await owner.contacts.create({ firstName: "Mine", ownerUserId: tenant.users.VIEWER.id, emails: ["mine@example.com"] })).id;
  theirs = (await owner.contacts.create({ firstName: "Theirs", ownerUserId: tenant.users.ADMIN.id, emails: ["theirs@example.com"] })).id;
  myCompany = (await owner.companies.create({ name: "My Cafe", ownerUserId: tenant.users.VIEWER.id })).id;
  theirCompany = (await owner.companies.create({ name: "Their Cafe", ownerUserId: tenant.users.ADMIN.id })).id;
});
afterAll(async () => {
  await deleteTenant(tenant);
});
const as = (role: keyof Tenant["users"]) => callerFor(tenant.users[role], tenant.slug);

describe("own records only", () => {
  it("is off by default: a viewer sees every contact", async () => {
    expect((await as("VIEWER").crmSettings.get()).ownRecordsOnly).toBe(false);
    const ids = (await as("VIEWER").contacts.list({})).rows.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([mine, theirs]));
  });

  it("switched on by an admin (viewers may not), limits a viewer to their own contacts and companies in list, get and timeline", async () => {
    expect(await outcome(as("VIEWER").crmSettings.update({ ownRecordsOnly: true }))).toBe("FORBIDDEN");
    await as("ADMIN").crmSettings.update({ ownRecordsOnly: true });
    const viewer = as("VIEWER");
    expect((await viewer.crmSettings.get()).appliesToYou).toBe(true);
    expect((await viewer.contacts.list({})).rows.map((r) => r.id)).toEqual([mine]);
    expect((await viewer.contacts.get({ contactId: mine })).kind).toBe("contact");
    expect(await outcome(viewer.contacts.get({ contactId: theirs }))).toBe("NOT_FOUND");
    expect(await outcome(viewer.contacts.timeline({ contactId: theirs }))).toBe("NOT_FOUND");
    expect(await outcome(viewer.contacts.consentHistory({ contactId: theirs }))).toBe("NOT_FOUND");
    expect((await viewer.contacts.timeline({ contactId: mine })).entries.length).toBeGreaterThan(0);
    expect((await viewer.companies.list({})).rows.map((r) => r.id)).toEqual([myCompany]);
    expect(await outcome(viewer.companies.get({ companyId: theirCompany }))).toBe("NOT_FOUND");
    expect(await outcome(viewer.companies.timeline({ companyId: theirCompany }))).toBe("NOT_FOUND");
    // Admins and owners always see everything.
    expect((await as("ADMIN").contacts.list({})).rows.map((r) => r.id)).toEqual(expect.arrayContaining([mine, theirs]));
    expect((await as("OWNER").contacts.get({ contactId: mine })).kind).toBe("contact");
    const setting = await systemDb().crmSettings.findUniqueOrThrow({ where: { organizationId: tenant.id } });
    expect(setting.ownRecordsOnly).toBe(true);
  });
});
