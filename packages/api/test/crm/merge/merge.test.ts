import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { mergeContacts } from "../../../src/services/crm/merge/merge-contacts";
import { undoMerge } from "../../../src/services/crm/merge/undo-merge";
import { runContactImport } from "../../../src/services/crm/import/run";
import { liveWithEmail, seedContact } from "../import/helpers";

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-merge");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every row of every relation, per contact, in a comparable form. */
async function relationsOf(contactId: string) {
  const db = systemDb();
  const where = { organizationId: tenant.id, contactId };
  return {
    emails: (await db.contactEmail.findMany({ where, orderBy: { email: "asc" } })).map((e) => `${e.email}${e.emailKey ? "" : " (no key)"}${e.isPrimary ? " *" : ""}`),
    phones: (await db.contactPhone.findMany({ where, orderBy: { e164: "asc" } })).map((p) => p.e164),
    consents: (await db.consentRecord.findMany({ where })).map((c) => c.id),
    activities: (await db.activity.findMany({ where, orderBy: { occurredAt: "asc" } })).map((a) => a.kind),
    tasks: (await db.task.findMany({ where })).map((t) => t.title),
    deals: (await db.dealContact.findMany({ where, include: { deal: true }, orderBy: { dealId: "asc" } })).map((d) => d.deal.name).sort(),
    lists: (await db.contactListMember.findMany({ where, include: { list: true } })).map((l) => l.list.name).sort(),
    values: (await db.customFieldValue.findMany({ where })).map((v) => v.valueText),
    imports: (await db.contactImportChange.findMany({ where, include: { import: true } })).map((c) => `${c.import.fileName}:${c.kind}`).sort(),
  };
}

describe("merging contacts", () => {
  let a: string;
  let b: string;
  let beforeA: Awaited<ReturnType<typeof relationsOf>>;
  let beforeB: Awaited<ReturnType<typeof relationsOf>>;
  let mergeId: string;

  beforeAll(async () => {
    const db = systemDb();
    const org = tenant.id;
    a = await seedContact(tenant, { firstName: "Ann", lastName: "Lee", email: "ann@acme.com", phone: "+447911111111", tags: ["a"], createdAt: new Date("2024-01-01") });
    b = await seedContact(tenant, { firstName: "Ann", lastName: "Lee", email: "ann.lee@acme.com", phone: "+447911111111", jobTitle: "CTO", tags: ["b"], externalId: "CRM-9" });
    await db.contactPhone.create({ data: { organizationId: org, contactId: b, e164: "+447922222222" } });
    await db.consentRecord.create({ data: { organizationId: org, contactId: b, channel: "EMAIL", purpose: "marketing", status: "GRANTED", method: "form" } });
    await db.activity.create({ data: { organizationId: org, contactId: b, kind: "NOTE", payload: { html: "<p>hi</p>", text: "hi" } } });
    await db.task.create({ data: { organizationId: org, contactId: b, title: "Call Ann" } });
    const pipeline = await db.pipeline.create({ data: { organizationId: org, name: "Sales" } });
    const stage = await db.pipelineStage.create({ data: { organizationId: org, pipelineId: pipeline.id, name: "New", position: 0, probability: 10 } });
    const deal = (name: string) => db.deal.create({ data: { organizationId: org, pipelineId: pipeline.id, stageId: stage.id, name, currency: "EUR", position: "a0" } });
    const both = await deal("Both");
    const onlyB = await deal("Only B");
    await db.dealContact.createMany({ data: [{ organizationId: org, dealId: both.id, contactId: a }, { organizationId: org, dealId: both.id, contactId: b }, { organizationId: org, dealId: onlyB.id, contactId: b }] });
    const shared = await db.contactList.create({ data: { organizationId: org, name: "Shared" } });
    const listB = await db.contactList.create({ data: { organizationId: org, name: "B's list" } });
    await db.contactListMember.createMany({ data: [{ organizationId: org, listId: shared.id, contactId: a }, { organizationId: org, listId: shared.id, contactId: b }, { organizationId: org, listId: listB.id, contactId: b }] });
    const field = await db.customFieldDefinition.create({ data: { organizationId: org, object: "CONTACT", key: "color", label: "Color", type: "TEXT" } });
    await db.customFieldValue.create({ data: { organizationId: org, fieldId: field.id, contactId: a, valueText: "red" } });
    await db.customFieldValue.create({ data: { organizationId: org, fieldId: field.id, contactId: b, valueText: "blue" } });
    const imp = (fileName: string) => db.contactImport.create({ data: { organizationId: org, fileName, csvText: "x", mapping: {}, matchKey: "email", updateRule: "fill_empty", totalRows: 1, status: "DONE" } });
    const i1 = await imp("both.csv");
    const i2 = await imp("b.csv");
    await db.contactImportChange.createMany({ data: [{ organizationId: org, importId: i1.id, contactId: a, kind: "updated" }, { organizationId: org, importId: i1.id, contactId: b, kind: "created" }, { organizationId: org, importId: i2.id, contactId: b, kind: "created" }] });
    // B is the most recently edited: its non-empty values win by default.
    await db.contact.update({ where: { organizationId_id: { organizationId: org, id: b } }, data: { updatedAt: new Date() } });
    beforeA = await relationsOf(a);
    beforeB = await relationsOf(b);
  });

  it("keeps the oldest id, moves every relation (one row per list, deal, field, phone, import), leaves a tombstone", async () => {
    const result = await withOrg(tenant.id, (db) => mergeContacts(db, tenant.id, { contactIds: [b, a], actorUserId: tenant.users.ADMIN.id }));
    mergeId = result.mergeId;
    expect(result).toMatchObject({ survivorId: a, mergedIds: [b] });
    const survivor = await systemDb().contact.findFirstOrThrow({ where: { id: a } });
    expect(survivor).toMatchObject({ firstName: "Ann", lastName: "Lee", jobTitle: "CTO", externalId: "CRM-9", externalIdKey: "crm-9", primaryEmail: "ann.lee@acme.com", tags: ["a", "b"], deletedAt: null, mergedIntoId: null });
    const tombstone = await systemDb().contact.findFirstOrThrow({ where: { id: b } });
    expect(tombstone.mergedIntoId).toBe(a);
    expect(tombstone.deletedAt).not.toBeNull();
    expect(tombstone.externalIdKey).toBeNull();
    expect(await relationsOf(a)).toEqual({
      emails: ["ann.lee@acme.com *", "ann@acme.com"],
      phones: ["+447911111111", "+447922222222"],
      consents: beforeB.consents,
      activities: ["NOTE", "MERGED"],
      tasks: ["Call Ann"],
      deals: ["Both", "Only B"],
      lists: ["B's list", "Shared"],
      values: ["blue"],
      imports: ["b.csv:created", "both.csv:updated"],
    });
    expect(await relationsOf(b)).toEqual({ emails: [], phones: [], consents: [], activities: [], tasks: [], deals: [], lists: [], values: [], imports: [] });
    const merged = await systemDb().activity.findFirstOrThrow({ where: { organizationId: tenant.id, contactId: a, kind: "MERGED" } });
    expect(merged.payload).toEqual({ mergeId, mergedIds: [b], names: ["Ann Lee"] });
  });

  it("undo brings the merged contact back with every relation, and the survivor as it was", async () => {
    await withOrg(tenant.id, (db) => undoMerge(db, tenant.id, mergeId, tenant.users.ADMIN.id));
    const restoredB = await systemDb().contact.findFirstOrThrow({ where: { id: b } });
    expect(restoredB).toMatchObject({ mergedIntoId: null, deletedAt: null, externalIdKey: "crm-9", jobTitle: "CTO", tags: ["b"] });
    const restoredA = await systemDb().contact.findFirstOrThrow({ where: { id: a } });
    expect(restoredA).toMatchObject({ jobTitle: null, externalId: null, externalIdKey: null, primaryEmail: "ann@acme.com", tags: ["a"] });
    expect(await relationsOf(b)).toEqual(beforeB);
    // The survivor keeps the timeline's record of the merge and of its undo (append-only).
    expect(await relationsOf(a)).toEqual({ ...beforeA, activities: ["MERGED", "MERGED"] });
    await expect(withOrg(tenant.id, (db) => undoMerge(db, tenant.id, mergeId, null))).rejects.toThrow("undone already");
  });
});

describe("a merge racing an import of the same email", () => {
  async function pair(tag: string) {
    const older = await seedContact(tenant, { firstName: "Race", lastName: tag, email: `${tag}-1@race.test`, createdAt: new Date("2024-01-01") });
    const newer = await seedContact(tenant, { firstName: "Race", lastName: tag, email: `${tag}-2@race.test` });
    const record = await systemDb().contactImport.create({
      data: { organizationId: tenant.id, fileName: "race.csv", csvText: `email,job title\n${tag}-2@race.test,Buyer\n`, mapping: { "0": "email", "1": "jobTitle" }, matchKey: "email", updateRule: "fill_empty", totalRows: 1, status: "QUEUED" },
    });
    return { older, newer, importId: record.id };
  }

  it("merge first: the import waits for the locks, then updates the survivor — no second contact for the email", async () => {
    const { older, newer, importId } = await pair(randomUUID().slice(0, 6));
    let importRun: Promise<unknown> = Promise.resolve();
    await withOrg(tenant.id, (db) =>
      mergeContacts(db, tenant.id, {
        contactIds: [older, newer],
        actorUserId: null,
        afterLock: async () => {
          importRun = runContactImport({ organizationId: tenant.id, importId });
          await sleep(300);
        },
      }),
    );
    await importRun;
    const email = (await systemDb().contact.findFirstOrThrow({ where: { id: newer } })).primaryEmail ?? "";
    expect(await liveWithEmail(tenant, email)).toEqual([older]);
    expect(await systemDb().contact.findFirstOrThrow({ where: { id: older } })).toMatchObject({ jobTitle: "Buyer", deletedAt: null });
    expect(await systemDb().contactImport.findFirstOrThrow({ where: { id: importId } })).toMatchObject({ status: "DONE", createdCount: 0, updatedCount: 1 });
  });

  it("import first: the merge waits, then takes the imported value along", async () => {
    const { older, newer, importId } = await pair(randomUUID().slice(0, 6));
    let mergeRun: Promise<unknown> = Promise.resolve();
    await runContactImport({
      organizationId: tenant.id,
      importId,
      afterChunkWrite: async () => {
        mergeRun = withOrg(tenant.id, (db) => mergeContacts(db, tenant.id, { contactIds: [older, newer], actorUserId: null }));
        await sleep(300);
      },
    });
    await mergeRun;
    const email = (await systemDb().contact.findFirstOrThrow({ where: { id: newer } })).primaryEmail ?? "";
    expect(await liveWithEmail(tenant, email)).toEqual([older]);
    expect(await systemDb().contact.findFirstOrThrow({ where: { id: older } })).toMatchObject({ jobTitle: "Buyer" });
    expect(await systemDb().contactImportChange.findMany({ where: { importId } })).toEqual([expect.objectContaining({ contactId: older, kind: "updated" })]);
  });
});
