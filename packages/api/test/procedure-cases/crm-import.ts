import type { ContactImportStatus } from "@mg/db";
import { systemDb } from "@mg/db/system";
import type { Tenant } from "../fixtures";
import type { ProcedureCase } from "../procedure-cases";

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
};
