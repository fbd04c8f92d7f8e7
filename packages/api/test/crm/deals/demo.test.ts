import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCrmDeals } from "../../../src/services/demo/crm-demo-deals";
import { myTasks } from "../../../src/services/crm/tasks";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { freshCompany, freshContact } from "./helpers";

/** The demo's deals: two pipelines, every stage populated, consistent stage histories, tasks in every group. */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("deals-demo");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

describe("seedCrmDeals", () => {
  it("fills two pipelines with deals in every stage, histories that end where each deal is, and tasks overdue, today and upcoming", async () => {
    const contactIds = [await freshContact(tenant, "Ava"), await freshContact(tenant, "Ben"), await freshContact(tenant, "Cleo")];
    const companyIds = [await freshCompany(tenant, "Riverside Café"), await freshCompany(tenant, "FreshMart")];
    const refs = { contactIds, companyIds, memberUserIds: [tenant.users.OWNER.id, tenant.users.ADMIN.id] };
    const org = { id: tenant.id, timezone: "Europe/London" };
    await withOrg(tenant.id, (db) => seedCrmDeals(db, org, refs));
    await withOrg(tenant.id, (db) => seedCrmDeals(db, org, refs));

    const owner = callerFor(tenant.users.OWNER, tenant.slug);
    const pipelines = await owner.pipelines.list();
    expect(pipelines.map((p) => p.name).sort()).toEqual(["New business", "Wholesale accounts"]);
    for (const p of pipelines) {
      const board = await owner.deals.board({ pipelineId: p.id });
      for (const stage of board.stages) expect(stage.count, `${p.name} / ${stage.name}`).toBeGreaterThan(0);
    }
    const deals = await systemDb().deal.findMany({ where: { organizationId: tenant.id }, include: { stageChanges: { orderBy: { changedAt: "asc" } }, stage: true } });
    expect(deals).toHaveLength(29);
    for (const deal of deals) {
      expect(deal.stageChanges[0]?.fromStageId).toBeNull();
      expect(deal.stageChanges.at(-1)?.toStageId).toBe(deal.stageId);
      expect(deal.closedAt !== null).toBe(deal.stage.kind !== "OPEN");
    }
    const forecast = await owner.deals.forecast({ months: 6 });
    expect(forecast.wonByMonth.length).toBeGreaterThan(0);

    const groups = await withOrg(tenant.id, (db) => myTasks(db, tenant.users.OWNER.id, "Europe/London", { includeDoneDays: 2 }));
    expect(groups.overdue.length).toBeGreaterThan(0);
    expect(groups.upcoming.length).toBeGreaterThan(0);
    expect(groups.done.length).toBe(1);
    // Overdue demo tasks are not reminded on load.
    expect(groups.overdue.every((t) => t.remindedAt !== null)).toBe(true);
  });
});
