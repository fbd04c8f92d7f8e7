import { withOrg, type ContactImportStatus } from "@mg/db";
import { systemDb } from "@mg/db/system";
import type { Tenant } from "../fixtures";
import type { ProcedureCase } from "../procedure-cases";
import { seedContact } from "../crm/import/helpers";
import { mergeContacts } from "../../src/services/crm/merge/merge-contacts";
import { mergeCompanies } from "../../src/services/crm/merge/merge-companies";

const CSV = "email,first name\nann@example.com,Ann\n";

/** An import of `tenant` in `status`, written directly (no dry run needed to aim at it). */
export async function freshImport(tenant: Tenant, status: ContactImportStatus = "PREVIEWED"): Promise<string> {
  const record = await systemDb().contactImport.create({
    data: { organizationId: tenant.id, fileName: "people.csv", csvText: CSV, mapping: { "0": "email", "1": "firstName" }, matchKey: "email", updateRule: "fill_empty", totalRows: 1, status },
  });
  return record.id;
}

async function freshList(tenant: Tenant): Promise<string> {
  return (await systemDb().contactList.create({ data: { organizationId: tenant.id, name: `List ${Math.random().toString(36).slice(2, 10)}` } })).id;
}

const contact = (tenant: Tenant) => seedContact(tenant, { firstName: "Case", lastName: "Contact" });

async function freshCandidate(tenant: Tenant): Promise<string> {
  const [a, b] = [await contact(tenant), await contact(tenant)].sort();
  const row = await systemDb().duplicateCandidate.create({ data: { organizationId: tenant.id, recordAId: a ?? "", recordBId: b ?? "", score: 0.8, reasons: ["same name"] } });
  return row.id;
}

async function freshMerge(tenant: Tenant): Promise<string> {
  const ids = [await contact(tenant), await contact(tenant)];
  return (await withOrg(tenant.id, (db) => mergeContacts(db, tenant.id, { contactIds: ids, actorUserId: null }))).mergeId;
}

async function freshCompany(tenant: Tenant): Promise<string> {
  return (await systemDb().company.create({ data: { organizationId: tenant.id, name: `Company ${Math.random().toString(36).slice(2, 8)}` } })).id;
}

async function freshCompanyMerge(tenant: Tenant): Promise<string> {
  const ids = [await freshCompany(tenant), await freshCompany(tenant)];
  return (await withOrg(tenant.id, (db) => mergeCompanies(db, tenant.id, { companyIds: ids, actorUserId: null }))).mergeId;
}

const preview = { fileName: "people.csv", csvText: CSV };

export const CRM_IMPORT_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "contactImports.preview": {
    valid: () => preview,
    foreign: async (_self, other) => ({ importId: await freshImport(other) }),
    foreignAlso: {
      listId: async (_self, other) => ({ ...preview, listId: await freshList(other) }),
      ownerUserId: (_self, other) => ({ ...preview, ownerUserId: other.users.OWNER.id }),
    },
  },
  "contactImports.start": {
    valid: async (t) => ({ importId: await freshImport(t) }),
    foreign: async (_self, other) => ({ importId: await freshImport(other) }),
  },
  "contactImports.get": {
    valid: async (t) => ({ importId: await freshImport(t) }),
    foreign: async (_self, other) => ({ importId: await freshImport(other) }),
  },
  "contactImports.list": {
    valid: () => ({ limit: 10 }),
    foreign: async (_self, other) => ({ limit: 10, cursor: await freshImport(other) }),
    foreignAnswer: { kind: "as-unknown-id", reason: "A cursor is a position in the caller's own history: another organization's import is read like an id that exists nowhere (the first page)." },
  },
  "contactImports.cancel": {
    valid: async (t) => ({ importId: await freshImport(t) }),
    foreign: async (_self, other) => ({ importId: await freshImport(other) }),
  },
  "contactImports.errorReport": {
    valid: async (t) => ({ importId: await freshImport(t) }),
    foreign: async (_self, other) => ({ importId: await freshImport(other) }),
  },
  "contactImports.undo": {
    valid: async (t) => ({ importId: await freshImport(t, "DONE") }),
    foreign: async (_self, other) => ({ importId: await freshImport(other, "DONE") }),
  },
  "duplicates.list": {
    valid: () => ({ limit: 10 }),
    foreign: async (_self, other) => ({ limit: 10, cursor: await freshCandidate(other) }),
    foreignAnswer: { kind: "as-unknown-id", reason: "A cursor is a position in the caller's own queue: another organization's pair is read like an id that exists nowhere (the first page)." },
  },
  "duplicates.forContact": {
    valid: async (t) => ({ contactId: await contact(t) }),
    foreign: async (_self, other) => ({ contactId: await contact(other) }),
  },
  "duplicates.dismiss": {
    valid: async (t) => ({ candidateId: await freshCandidate(t) }),
    foreign: async (_self, other) => ({ candidateId: await freshCandidate(other) }),
  },
  "duplicates.scan": { valid: () => undefined },
  "duplicates.merge": {
    valid: async (t) => ({ contactIds: [await contact(t), await contact(t)] }),
    foreign: async (self, other) => ({ contactIds: [await contact(self), await contact(other)] }),
    foreignAlso: { candidateId: async (self, other) => ({ contactIds: [await contact(self), await contact(self)], candidateId: await freshCandidate(other) }) },
  },
  "duplicates.undoMerge": {
    valid: async (t) => ({ mergeId: await freshMerge(t) }),
    foreign: async (_self, other) => ({ mergeId: await freshMerge(other) }),
  },
  "duplicates.mergeCompanies": {
    valid: async (t) => ({ companyIds: [await freshCompany(t), await freshCompany(t)] }),
    foreign: async (self, other) => ({ companyIds: [await freshCompany(self), await freshCompany(other)] }),
  },
  "duplicates.undoCompanyMerge": {
    valid: async (t) => ({ mergeId: await freshCompanyMerge(t) }),
    foreign: async (_self, other) => ({ mergeId: await freshCompanyMerge(other) }),
  },
};
