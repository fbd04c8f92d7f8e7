import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { ProcedureCase } from "../procedure-cases";
import type { Tenant } from "../fixtures";

/** CRM records (contacts, companies, custom fields, saved views, settings), made through the system path. */
type Org = Tenant | { id: string };

export async function freshContact(tenant: Org, data: { ownerUserId?: string | null; deleted?: boolean } = {}): Promise<string> {
  const tag = randomUUID().slice(0, 8);
  const email = `contact-${tag}@crm.test`;
  const contact = await systemDb().contact.create({
    data: { organizationId: tenant.id, firstName: "Case", lastName: tag, nameKey: `case ${tag}`, primaryEmail: email, ownerUserId: data.ownerUserId ?? null, ...(data.deleted ? { deletedAt: new Date() } : {}) },
  });
  await systemDb().contactEmail.create({ data: { organizationId: tenant.id, contactId: contact.id, email, emailKey: data.deleted ? null : email, isPrimary: true } });
  return contact.id;
}

export async function freshCompany(tenant: Org, data: { deleted?: boolean } = {}): Promise<string> {
  const company = await systemDb().company.create({ data: { organizationId: tenant.id, name: `Company ${randomUUID().slice(0, 8)}`, ...(data.deleted ? { deletedAt: new Date() } : {}) } });
  return company.id;
}

export async function freshField(tenant: Org, object: "CONTACT" | "COMPANY" = "CONTACT"): Promise<string> {
  const key = `f_${randomUUID().slice(0, 8)}`;
  const field = await systemDb().customFieldDefinition.create({ data: { organizationId: tenant.id, object, key, label: `Field ${key}`, type: "TEXT" } });
  return field.id;
}

async function freshView(tenant: Org, object: "CONTACT" | "COMPANY", ownerUserId: string | null): Promise<string> {
  const view = await systemDb().crmSavedView.create({ data: { organizationId: tenant.id, object, name: `View ${randomUUID().slice(0, 8)}`, ownerUserId, config: { columns: ["name"], filters: {} } } });
  return view.id;
}

/** A personal view for each member: whoever calls deletes their own. */
async function viewsOfEveryone(tenant: Tenant, object: "CONTACT" | "COMPANY"): Promise<string[]> {
  return Promise.all(Object.values(tenant.users).map((u) => freshView(tenant, object, u.id)));
}

const viewConfig = { columns: ["name", "email"], filters: {}, sort: { field: "name", direction: "asc" as const } };
const asUnknown = (reason: string) => ({ kind: "as-unknown-id" as const, reason });

export const CRM_RECORD_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "contacts.list": {
    valid: () => ({ search: "case", sort: { field: "name", direction: "asc" }, limit: 10 }),
    foreign: async (_self, other) => ({ companyId: await freshCompany(other) }),
    foreignAlso: { ownerUserId: (_self, other) => ({ ownerUserId: other.users.VIEWER.id }) },
    foreignAnswer: asUnknown("Filters: another organization's company or member matches no contact here, like an id that exists nowhere (an empty page)."),
  },
  "contacts.get": {
    valid: async (t) => ({ contactId: await freshContact(t) }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other) }),
  },
  "contacts.create": {
    valid: () => ({ firstName: "New", lastName: "Contact", emails: [`new-${randomUUID().slice(0, 8)}@crm.test`], phones: [{ number: "+44 20 7946 0958", label: "work" }], tags: ["case"] }),
    foreign: async (_self, other) => ({ firstName: "New", companyId: await freshCompany(other) }),
  },
  "contacts.update": {
    valid: async (t) => ({ contactId: await freshContact(t), lifecycleStage: "CUSTOMER", tags: ["vip"] }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other), jobTitle: "Baker" }),
    foreignAlso: {
      companyId: async (self, other) => ({ contactId: await freshContact(self), companyId: await freshCompany(other) }),
      customFields: async (self, other) => ({ contactId: await freshContact(self), customFields: { [await freshField(other)]: "x" } }),
    },
  },
  "contacts.delete": {
    valid: async (t) => ({ contactIds: [await freshContact(t)] }),
    foreign: async (_self, other) => ({ contactIds: [await freshContact(other)] }),
  },
  "contacts.restore": {
    valid: async (t) => ({ contactIds: [await freshContact(t, { deleted: true })] }),
    foreign: async (_self, other) => ({ contactIds: [await freshContact(other, { deleted: true })] }),
  },
  "contacts.bulkUpdate": {
    valid: async (t) => ({ contactIds: [await freshContact(t), await freshContact(t)], action: { kind: "addTags", tags: ["bulk"] } }),
    foreign: async (_self, other) => ({ contactIds: [await freshContact(other)], action: { kind: "addTags", tags: ["bulk"] } }),
  },
  "contacts.timeline": {
    valid: async (t) => ({ contactId: await freshContact(t), kinds: ["NOTE", "CALL"] }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other) }),
  },
  "contacts.logNote": {
    valid: async (t) => ({ contactId: await freshContact(t), html: "<p>Likes <b>rye</b></p>" }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other), html: "<p>hi</p>" }),
  },
  "contacts.logCall": {
    valid: async (t) => ({ contactId: await freshContact(t), summary: "Order call", durationMinutes: 4 }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other), summary: "x" }),
  },
  "contacts.logMeeting": {
    valid: async (t) => ({ contactId: await freshContact(t), summary: "Tasting", at: "2026-01-10T10:00:00.000Z" }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other), summary: "x" }),
  },
  "contacts.recordConsent": {
    valid: async (t) => ({ contactId: await freshContact(t), channel: "EMAIL", purpose: "newsletter", status: "GRANTED", wordingVersion: "v1" }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other), channel: "SMS", status: "WITHDRAWN" }),
  },
  "contacts.consentHistory": {
    valid: async (t) => ({ contactId: await freshContact(t) }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other) }),
  },
  "contacts.viewList": { valid: () => undefined },
  "contacts.viewSave": {
    valid: () => ({ name: `Mine ${randomUUID().slice(0, 6)}`, config: viewConfig }),
    foreign: async (_self, other) => ({ viewId: await freshView(other, "CONTACT", null), name: "Renamed", shared: true, config: viewConfig }),
  },
  "contacts.viewDelete": {
    valid: async (t) => ({ viewIds: await viewsOfEveryone(t, "CONTACT") }),
    foreign: async (_self, other) => ({ viewIds: [await freshView(other, "CONTACT", null)] }),
  },
  "companies.list": {
    valid: () => ({ search: "company", limit: 10 }),
    foreign: (_self, other) => ({ ownerUserId: other.users.VIEWER.id }),
    foreignAnswer: asUnknown("A filter: another organization's member owns no company here, like an id that exists nowhere (an empty page)."),
  },
  "companies.get": {
    valid: async (t) => ({ companyId: await freshCompany(t) }),
    foreign: async (_self, other) => ({ companyId: await freshCompany(other) }),
  },
  "companies.create": {
    valid: () => ({ name: "New Co", domain: `new-${randomUUID().slice(0, 8)}.co.uk`, size: "11-50", country: "GB" }),
    foreign: async (_self, other) => ({ name: "New Co", customFields: { [await freshField(other, "COMPANY")]: "x" } }),
  },
  "companies.update": {
    valid: async (t) => ({ companyId: await freshCompany(t), industry: "Bakery" }),
    foreign: async (_self, other) => ({ companyId: await freshCompany(other), industry: "x" }),
  },
  "companies.delete": {
    valid: async (t) => ({ companyIds: [await freshCompany(t)] }),
    foreign: async (_self, other) => ({ companyIds: [await freshCompany(other)] }),
  },
  "companies.restore": {
    valid: async (t) => ({ companyIds: [await freshCompany(t, { deleted: true })] }),
    foreign: async (_self, other) => ({ companyIds: [await freshCompany(other, { deleted: true })] }),
  },
  "companies.timeline": {
    valid: async (t) => ({ companyId: await freshCompany(t) }),
    foreign: async (_self, other) => ({ companyId: await freshCompany(other) }),
  },
  "companies.logNote": {
    valid: async (t) => ({ companyId: await freshCompany(t), html: "<p>Big order</p>" }),
    foreign: async (_self, other) => ({ companyId: await freshCompany(other), html: "x" }),
  },
  "companies.logCall": {
    valid: async (t) => ({ companyId: await freshCompany(t), summary: "Review" }),
    foreign: async (_self, other) => ({ companyId: await freshCompany(other), summary: "x" }),
  },
  "companies.logMeeting": {
    valid: async (t) => ({ companyId: await freshCompany(t), summary: "Visit" }),
    foreign: async (_self, other) => ({ companyId: await freshCompany(other), summary: "x" }),
  },
  "companies.viewList": { valid: () => undefined },
  "companies.viewSave": {
    valid: () => ({ name: `Mine ${randomUUID().slice(0, 6)}`, config: viewConfig }),
    foreign: async (_self, other) => ({ viewId: await freshView(other, "COMPANY", null), name: "Renamed", shared: true, config: viewConfig }),
  },
  "companies.viewDelete": {
    valid: async (t) => ({ viewIds: await viewsOfEveryone(t, "COMPANY") }),
    foreign: async (_self, other) => ({ viewIds: [await freshView(other, "COMPANY", null)] }),
  },
  "crmSettings.get": { valid: () => undefined },
  "crmSettings.update": { valid: () => ({ ownRecordsOnly: false }) },
  "crmSettings.fieldList": { valid: () => ({ object: "CONTACT" }) },
  "crmSettings.fieldCreate": { valid: () => ({ object: "CONTACT", label: `Field ${randomUUID().slice(0, 8)}`, type: "SINGLE_SELECT", options: [{ label: "One" }, { label: "Two" }] }) },
  "crmSettings.fieldUpdate": {
    valid: async (t) => ({ fieldId: await freshField(t), label: `Renamed ${randomUUID().slice(0, 8)}` }),
    foreign: async (_self, other) => ({ fieldId: await freshField(other), label: "Renamed" }),
  },
  "crmSettings.fieldArchive": {
    valid: async (t) => ({ fieldId: await freshField(t) }),
    foreign: async (_self, other) => ({ fieldId: await freshField(other) }),
  },
  "crmSettings.fieldReorder": {
    valid: async (t) => ({ object: "COMPANY", fieldIds: [await freshField(t, "COMPANY"), await freshField(t, "COMPANY")] }),
    foreign: async (self, other) => ({ object: "COMPANY", fieldIds: [await freshField(self, "COMPANY"), await freshField(other, "COMPANY")] }),
  },
};
