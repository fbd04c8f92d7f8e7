import { systemDb } from "@mg/db/system";
import { withOrg } from "@mg/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewImport } from "../../../src/services/crm/import/preview";
import { createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { seedContact } from "./helpers";

/**
 * The dry run names existing contacts a new row looks like (id and name). A caller kept to their
 * own records must only be shown their own: the lookalike query honours the same visibility as
 * every other CRM read.
 */
let tenant: Tenant;
let mine: string;
let theirs: string;
beforeAll(async () => {
  tenant = await createTenant("crm-import-preview-own");
  mine = await seedContact(tenant, { firstName: "Ann", lastName: "Mine", phone: "+447911000101" });
  theirs = await seedContact(tenant, { firstName: "Bob", lastName: "Theirs", phone: "+447911000102" });
  await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: mine } }, data: { ownerUserId: tenant.users.VIEWER.id } });
  await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: theirs } }, data: { ownerUserId: tenant.users.ADMIN.id } });
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const CSV = "first,last,phone,email\nAnn,Mine,+447911000101,ann.new@example.com\nBob,Theirs,+447911000102,bob.new@example.com\n";

async function lookalikes(ownOnly: boolean): Promise<(string | undefined)[]> {
  const setup = {
    organizationId: tenant.id,
    importId: null,
    fileName: "people.csv",
    mapping: { "0": "firstName", "1": "lastName", "2": "phone", "3": "email" } as const,
    matchKey: "email" as const,
    country: null,
    customFields: new Map(),
    rules: { updateRule: "fill_empty" as const, tags: [], ownerUserId: null, listId: null },
  };
  const preview = await withOrg(tenant.id, (db) => previewImport(db, setup, CSV, { ownOnly, userId: tenant.users.VIEWER.id }));
  return preview.duplicates.filter((d) => d.against === "existing").map((d) => d.contactId);
}

describe("import dry run: likely duplicates among existing contacts", () => {
  it("names every matching contact when the caller sees everything", async () => {
    expect((await lookalikes(false)).sort()).toEqual([mine, theirs].sort());
  });

  it("names only the caller's own contacts when they are kept to their own records", async () => {
    expect(await lookalikes(true)).toEqual([mine]);
  });
});
