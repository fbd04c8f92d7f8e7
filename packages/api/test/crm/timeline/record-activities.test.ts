import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordActivities, recordActivity } from "../../../src/services/crm/timeline";
import { createTenant, deleteTenant, type Tenant } from "../../fixtures";

/** The one timeline writer: typed payloads, the set-based bulk path, and its round trip. */
let tenant: Tenant;
let contactId: string;
let companyId: string;
beforeAll(async () => {
  tenant = await createTenant("crm-timeline-writer");
  companyId = (await systemDb().company.create({ data: { organizationId: tenant.id, name: "Rye & Co" } })).id;
  contactId = (await systemDb().contact.create({ data: { organizationId: tenant.id, firstName: "Rhea", lastName: "Rye", companyId } })).id;
});
afterAll(async () => {
  await deleteTenant(tenant);
});

describe("recordActivities", () => {
  it("writes every event in one statement with its kind, links, actor, time and payload, exactly as given", async () => {
    const at = new Date("2026-03-29T00:59:59.123Z");
    const count = await withOrg(tenant.id, (db) =>
      recordActivities(db, tenant.id, [
        { kind: "IMPORTED", contactId, actorLabel: "Import of leads.csv", occurredAt: at, payload: { importId: "5b0e4a52-5d0c-4a1b-9b1a-0c3c1f1f1f1f", fileName: "leads.csv", kind: "created" } },
        { kind: "NOTE", companyId, actorUserId: tenant.users.OWNER.id, payload: { html: "<p>Hi</p>", text: "Hi" } },
      ]),
    );
    expect(count).toBe(2);
    const rows = await systemDb().activity.findMany({ where: { organizationId: tenant.id }, orderBy: { occurredAt: "asc" } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ kind: "IMPORTED", contactId, companyId: null, dealId: null, actorUserId: null, actorLabel: "Import of leads.csv", payload: { fileName: "leads.csv", kind: "created" } });
    expect(rows[0]?.occurredAt.toISOString()).toBe(at.toISOString());
    expect(rows[1]).toMatchObject({ kind: "NOTE", contactId: null, companyId, actorUserId: tenant.users.OWNER.id, payload: { html: "<p>Hi</p>", text: "Hi" } });
    expect(Math.abs((rows[1]?.occurredAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it("refuses a payload that does not fit its kind, and an event that names no record — writing nothing", async () => {
    const before = await systemDb().activity.count({ where: { organizationId: tenant.id } });
    await expect(
      withOrg(tenant.id, (db) =>
        recordActivities(db, tenant.id, [
          { kind: "CALL", contactId, payload: { summary: "ok" } },
          // @ts-expect-error a STAGE_CHANGED payload needs toStage and pipeline
          { kind: "STAGE_CHANGED", contactId, payload: { fromStage: null } },
        ]),
      ),
    ).rejects.toThrow();
    await expect(withOrg(tenant.id, (db) => recordActivity(db, tenant.id, { kind: "CALL", payload: { summary: "nobody" } }))).rejects.toThrow(/names no contact/);
    expect(await systemDb().activity.count({ where: { organizationId: tenant.id } })).toBe(before);
  });

  it("an empty list writes nothing and sends no statement", async () => {
    expect(await withOrg(tenant.id, (db) => recordActivities(db, tenant.id, []))).toBe(0);
  });
});
