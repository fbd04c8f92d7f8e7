import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";

/**
 * An import's owner follows the same rule as every CRM owner or assignee: a direct member or, in
 * an agency's client, one of the agency's people (who reach the client by inheritance).
 */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-import-owner");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const CSV = "first,email\nAnn,ann@example.com\n";

describe("import dry run: the owner", () => {
  it("in a client, may be an agency member; someone outside answers NOT_FOUND", async () => {
    const agencyOwner = callerFor(tenant.users.OWNER, tenant.clientSlug);
    const { import: record } = await agencyOwner.contactImports.preview({ fileName: "people.csv", csvText: CSV, ownerUserId: tenant.users.VIEWER.id });
    expect(record.ownerUserId).toBe(tenant.users.VIEWER.id);
    expect(await outcome(agencyOwner.contactImports.preview({ fileName: "people.csv", csvText: CSV, ownerUserId: "00000000-0000-4000-8000-000000000000" }))).toBe("NOT_FOUND");
  });
});
