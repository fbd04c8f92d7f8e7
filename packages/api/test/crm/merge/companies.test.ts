import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { seedContact } from "../import/helpers";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-merge-companies");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

describe("merging companies", () => {
  it("keeps the oldest id, moves contacts, deals, tasks, timeline and custom values, and undoes it all", async () => {
    const db = systemDb();
    const org = tenant.id;
    const older = await db.company.create({ data: { organizationId: org, name: "Acme", domain: "acme.com", domainKey: "acme.com", createdAt: new Date("2024-01-01") } });
    const newer = await db.company.create({ data: { organizationId: org, name: "Acme Ltd", domain: "acme.co.uk", domainKey: "acme.co.uk", industry: "Retail" } });
    const contactId = await seedContact(tenant, { firstName: "Ann", companyId: newer.id });
    const pipeline = await db.pipeline.create({ data: { organizationId: org, name: "Sales" } });
    const stage = await db.pipelineStage.create({ data: { organizationId: org, pipelineId: pipeline.id, name: "New", position: 0, probability: 10 } });
    const deal = await db.deal.create({ data: { organizationId: org, pipelineId: pipeline.id, stageId: stage.id, name: "Big one", currency: "EUR", position: "a0", companyId: newer.id } });
    const task = await db.task.create({ data: { organizationId: org, companyId: newer.id, title: "Visit" } });
    const note = await db.activity.create({ data: { organizationId: org, companyId: newer.id, kind: "NOTE", payload: { html: "<p>x</p>", text: "x" } } });
    const field = await db.customFieldDefinition.create({ data: { organizationId: org, object: "COMPANY", key: "tier", label: "Tier", type: "TEXT" } });
    await db.customFieldValue.create({ data: { organizationId: org, fieldId: field.id, companyId: older.id, valueText: "B" } });
    await db.customFieldValue.create({ data: { organizationId: org, fieldId: field.id, companyId: newer.id, valueText: "A" } });

    const admin = callerFor(tenant.users.ADMIN, tenant.slug);
    const result = await admin.duplicates.mergeCompanies({ companyIds: [newer.id, older.id], values: [{ field: "name", companyId: older.id }] });
    expect(result).toMatchObject({ survivorId: older.id, mergedIds: [newer.id] });
    expect(await db.company.findFirstOrThrow({ where: { id: older.id } })).toMatchObject({ name: "Acme", domain: "acme.co.uk", domainKey: "acme.co.uk", industry: "Retail" });
    expect(await db.company.findFirstOrThrow({ where: { id: newer.id } })).toMatchObject({ mergedIntoId: older.id, domainKey: null });
    expect((await db.contact.findFirstOrThrow({ where: { id: contactId } })).companyId).toBe(older.id);
    expect((await db.deal.findFirstOrThrow({ where: { id: deal.id } })).companyId).toBe(older.id);
    expect((await db.task.findFirstOrThrow({ where: { id: task.id } })).companyId).toBe(older.id);
    expect((await db.activity.findFirstOrThrow({ where: { id: note.id } })).companyId).toBe(older.id);
    expect((await db.customFieldValue.findMany({ where: { organizationId: org, fieldId: field.id } })).map((v) => [v.companyId, v.valueText])).toEqual([[older.id, "A"]]);

    await admin.duplicates.undoCompanyMerge({ mergeId: result?.mergeId ?? "" });
    expect(await db.company.findFirstOrThrow({ where: { id: older.id } })).toMatchObject({ name: "Acme", domain: "acme.com", domainKey: "acme.com", industry: null });
    expect(await db.company.findFirstOrThrow({ where: { id: newer.id } })).toMatchObject({ mergedIntoId: null, deletedAt: null, domainKey: "acme.co.uk" });
    expect((await db.contact.findFirstOrThrow({ where: { id: contactId } })).companyId).toBe(newer.id);
    expect((await db.deal.findFirstOrThrow({ where: { id: deal.id } })).companyId).toBe(newer.id);
    expect((await db.task.findFirstOrThrow({ where: { id: task.id } })).companyId).toBe(newer.id);
    expect((await db.activity.findFirstOrThrow({ where: { id: note.id } })).companyId).toBe(newer.id);
    expect((await db.customFieldValue.findMany({ where: { organizationId: org, fieldId: field.id }, orderBy: { valueText: "asc" } })).map((v) => [v.companyId, v.valueText])).toEqual([
      [newer.id, "A"],
      [older.id, "B"],
    ]);
  });
});
