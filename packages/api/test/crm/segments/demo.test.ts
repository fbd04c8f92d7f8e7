import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { seedCrmDeals } from "../../../src/services/demo/crm-demo-deals";
import { seedCrmRecords } from "../../../src/services/demo/crm-demo-records";
import { seedCrmSegments } from "../../../src/services/demo/crm-demo-segments";
import { countSegment } from "../../../src/services/crm/segments/queries";
import { memberCounts } from "../../../src/services/crm/segments/lists";
import { storedFilter } from "../../../src/services/crm/segments/store";

// The demo's segments and lists, on the records and deals demo: every segment finds someone, the
// lists hold members, and a second run adds nothing.

let tenant: Tenant;
const everyone = { ownOnly: false, userId: "00000000-0000-4000-8000-000000000000" };

beforeAll(async () => {
  tenant = await createTenant("seg-demo");
});

afterAll(async () => {
  await deleteTenant(tenant);
});

describe("segments demo", () => {
  it("creates segments that each have members and lists that hold contacts, once", async () => {
    const result = await withOrg(
      tenant.id,
      async (db) => {
        const owners = [tenant.users.OWNER.id, tenant.users.ADMIN.id];
        const { contactIds, companyIds } = await seedCrmRecords(db, { id: tenant.id, country: "GB" }, owners);
        await seedCrmDeals(db, { id: tenant.id, timezone: "Europe/London" }, { contactIds, companyIds, memberUserIds: owners });
        return seedCrmSegments(db, { id: tenant.id });
      },
      { timeout: 120_000 },
    );
    expect(result).toEqual({ segments: 4, lists: 2 });
    await withOrg(tenant.id, async (db) => {
      const segments = await db.segment.findMany({ select: { name: true, filter: true } });
      for (const s of segments) expect(await countSegment(db, everyone, storedFilter(s.filter)), s.name).toBeGreaterThan(0);
      const lists = await db.contactList.findMany({ select: { id: true } });
      const counts = await memberCounts(
        db,
        everyone,
        lists.map((l) => l.id),
      );
      for (const l of lists) expect(counts.get(l.id) ?? 0).toBeGreaterThan(0);
    });
    expect(await withOrg(tenant.id, (db) => seedCrmSegments(db, { id: tenant.id }))).toEqual({ segments: 0, lists: 0 });
  });
});
