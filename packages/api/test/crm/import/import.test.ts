import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleLocalContactImports } from "@mg/jobs";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";
import { suggestMapping } from "../../../src/services/crm/import/mapping";
import { runContactImport } from "../../../src/services/crm/import/run";
import { liveContactCount, liveWithEmail, seedContact } from "./helpers";

let tenant: Tenant;
let sizeFieldId: string;
let tierFieldId: string;
let joinedFieldId: string;

beforeAll(async () => {
  tenant = await createTenant("crm-import");
  await systemDb().organization.update({ where: { id: tenant.id }, data: { country: "GB" } });
  const db = systemDb();
  sizeFieldId = (await db.customFieldDefinition.create({ data: { organizationId: tenant.id, object: "CONTACT", key: "seats", label: "Seats", type: "NUMBER" } })).id;
  tierFieldId = (
    await db.customFieldDefinition.create({
      data: { organizationId: tenant.id, object: "CONTACT", key: "tier", label: "Tier", type: "SINGLE_SELECT", options: [{ id: "opt-gold", label: "Gold" }, { id: "opt-silver", label: "Silver" }] },
    })
  ).id;
  joinedFieldId = (await db.customFieldDefinition.create({ data: { organizationId: tenant.id, object: "CONTACT", key: "joined", label: "Joined on", type: "DATE" } })).id;
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const admin = () => callerFor(tenant.users.ADMIN, tenant.slug);

const HEADER = "First Name,Last Name,E-mail Address,Phone,Company,Lifecycle Stage,Tags,Seats,Tier,Joined on,Notes";

describe("mapping suggestion", () => {
  it("maps common header spellings and custom fields by key or label, each target once", () => {
    const custom = [
      { id: "11111111-1111-4111-8111-111111111111", key: "seats", label: "Seats", type: "NUMBER" as const, options: [] },
      { id: "22222222-2222-4222-8222-222222222222", key: "tier", label: "Customer tier", type: "SINGLE_SELECT" as const, options: [] },
    ];
    const mapping = suggestMapping(["Given name", "Surname", "E-mail", "Mobile Phone", "Organisation", "Website", "Job Title", "Tier", "Customer Tier", "Email", "Whatever", "Name"], custom);
    expect(mapping).toEqual({
      "0": "firstName",
      "1": "lastName",
      "2": "email",
      "3": "phone",
      "4": "company",
      "5": "companyDomain",
      "6": "jobTitle",
      "7": "custom:22222222-2222-4222-8222-222222222222",
      // The same field again: the first column wins.
      "8": null,
      "9": null,
      "10": null,
      "11": "fullName",
    });
  });
});

const FILE = [
  HEADER,
  "Ann,Lee,ANN@Acme.com,020 7946 0958,Acme,customer,vip;east,12,Gold,2024-05-01,met at the fair",
  "Cara,Diaz,cara@example.org,+1 415 555 0100,,lead,,3,,,",
  "Bob,Stone,bob@beta.io,,,,,,,,",
  "Dan,,not-an-email,,,,,,,,",
  "Eve,,eve@example.org,12,,,,,,,",
  "Fay,,fay@example.org,,,wizard,,,,,",
  "Gus,,gus@example.org,,,,,lots,Bronze,2024-13-01,",
  "Cara,Again,CARA@example.org,,,,,,,,",
  "Hal,Moss,hal@example.org,07911 123456,,,,,,,",
].join("\n");

describe("dry run, then the job", () => {
  let annId: string;
  let bobId: string;
  let ivyId: string;
  let importId: string;
  let listId: string;

  beforeAll(async () => {
    annId = await seedContact(tenant, { firstName: "Ann", lastName: "Lee", email: "ann@acme.com", jobTitle: "CTO" });
    bobId = await seedContact(tenant, { firstName: "Bob", lastName: "Stone", email: "bob@beta.io" });
    ivyId = await seedContact(tenant, { firstName: "Ivy", lastName: "Hart", email: "ivy@example.net", phone: "+447911123456" });
    listId = (await systemDb().contactList.create({ data: { organizationId: tenant.id, name: "Spring fair" } })).id;
  });

  it("counts creates, updates, skips and errors per row and field, and writes no contact", async () => {
    const before = await liveContactCount(tenant);
    const { import: record, mapping } = await admin().contactImports.preview({ fileName: "fair.csv", csvText: FILE, tags: ["spring-fair"], listId });
    importId = record.id;
    expect(mapping[2]).toBe("email");
    expect(mapping[7]).toBe(`custom:${sizeFieldId}`);
    expect(mapping[10]).toBeNull();
    const p = record.preview;
    expect(record.status).toBe("PREVIEWED");
    expect({ total: p.totalRows, creates: p.creates, updates: p.updates, skips: p.skips, errorRows: p.errorRows, errorCount: p.errorCount }).toEqual({
      total: 9,
      creates: 2,
      // Ann (phone, company, tags, custom values) and Bob (only the batch's tag and list).
      updates: 2,
      // Row 8 repeats row 2's email.
      skips: 1,
      errorRows: 4,
      errorCount: 6,
    });
    expect(p.errors.map((e) => [e.row, e.field])).toEqual([
      [4, "email"],
      [5, "phone"],
      [6, "lifecycleStage"],
      [7, `custom:${sizeFieldId}`],
      [7, `custom:${tierFieldId}`],
      [7, `custom:${joinedFieldId}`],
    ]);
    expect(p.errors[0]?.message).toContain("not an email address");
    expect(p.errors[4]?.message).toContain("not an option of Tier");
    expect(p.duplicates).toEqual([
      expect.objectContaining({ row: 8, against: "file", otherRow: 2 }),
      expect.objectContaining({ row: 9, against: "existing", contactId: ivyId, reason: "same phone as an existing contact" }),
    ]);
    expect(await liveContactCount(tenant)).toBe(before);
    expect(await systemDb().contactImportChange.count({ where: { importId } })).toBe(0);
  });

  it("a changed rule re-runs the dry run on the stored file", async () => {
    const { import: record } = await admin().contactImports.preview({ importId, matchKey: "phone", tags: ["spring-fair"], listId });
    // By phone, only rows with a valid phone can be matched; Ann's phone is new (a create) and Hal's is Ivy's (an update).
    expect(record.preview.updates).toBe(1);
    expect(record.preview.errors.some((e) => e.row === 3 && e.field === "phone")).toBe(true);
    const back = await admin().contactImports.preview({ importId, matchKey: "email", tags: ["spring-fair"], listId });
    expect(back.import.preview.creates).toBe(2);
  });

  it("runs as a job: updates by email (no duplicate), normalizes phones with the org's country, types custom values", async () => {
    await admin().contactImports.start({ importId });
    await settleLocalContactImports();
    const progress = await admin().contactImports.get({ importId });
    expect(progress.status).toBe("DONE");
    expect(progress.percent).toBe(100);
    expect({ created: progress.createdCount, updated: progress.updatedCount, skipped: progress.skippedCount, errors: progress.errorCount }).toEqual({ created: 2, updated: 2, skipped: 1, errors: 4 });

    // Twenty #11864: the file's ANN@Acme.com is Ann, updated — not a second Ann.
    expect(await liveWithEmail(tenant, "ann@acme.com")).toEqual([annId]);
    const ann = await systemDb().contact.findFirstOrThrow({ where: { id: annId }, include: { phones: true, company: true, fieldValues: true, lists: true } });
    expect(ann.primaryPhone).toBe("+442079460958");
    expect(ann.phones.map((p) => p.e164)).toEqual(["+442079460958"]);
    expect(ann.jobTitle).toBe("CTO");
    expect(ann.lifecycleStage).toBe("LEAD"); // fill empty: a stage is never empty
    expect(ann.tags).toEqual(["vip", "east", "spring-fair"]);
    expect(ann.company).toMatchObject({ name: "Acme", domain: "acme.com" });
    expect(ann.lists.map((l) => l.listId)).toEqual([listId]);
    const values = new Map(ann.fieldValues.map((v) => [v.fieldId, v]));
    expect(values.get(sizeFieldId)?.valueNumber?.toString()).toBe("12");
    expect(values.get(tierFieldId)?.valueText).toBe("opt-gold");
    expect(values.get(joinedFieldId)?.valueDate?.toISOString()).toBe("2024-05-01T00:00:00.000Z");

    const cara = await systemDb().contact.findFirstOrThrow({ where: { organizationId: tenant.id, primaryEmail: "cara@example.org" } });
    expect(cara).toMatchObject({ firstName: "Cara", lastName: "Diaz", primaryPhone: "+14155550100", source: "import", tags: ["spring-fair"] });
    const bob = await systemDb().contact.findFirstOrThrow({ where: { id: bobId } });
    expect(bob.tags).toEqual(["spring-fair"]);
    expect(await liveContactCount(tenant)).toBe(5);
    // Hal shares Ivy's phone: flagged for review on write.
    const hal = await systemDb().contact.findFirstOrThrow({ where: { organizationId: tenant.id, primaryEmail: "hal@example.org" } });
    const [a, b] = [hal.id, ivyId].sort();
    expect(await systemDb().duplicateCandidate.findFirst({ where: { organizationId: tenant.id, recordAId: a, recordBId: b } })).toMatchObject({ score: 1, reasons: ["same phone"], status: "OPEN" });
    // The timeline says so, once per contact.
    const imported = await systemDb().activity.findMany({ where: { organizationId: tenant.id, kind: "IMPORTED" } });
    expect(imported).toHaveLength(4);
    expect(imported.find((x) => x.contactId === annId)?.payload).toEqual({ importId, fileName: "fair.csv", kind: "updated" });
  });

  it("the error report lists every problem row with its cells, formula-safe", async () => {
    const report = await admin().contactImports.errorReport({ importId });
    const lines = report.csv.split("\r\n");
    expect(lines[0]).toBe(`row,field,problem,${HEADER}`);
    expect(report.rows).toBe(7); // 6 errors + the repeated row
    expect(lines.find((l) => l.startsWith("4,email,"))).toContain("not-an-email");
    expect(lines.find((l) => l.startsWith("8,email,"))).toContain("Same email as row 2");
  });

  it("importing the same file again creates nobody", async () => {
    const { import: again } = await admin().contactImports.preview({ fileName: "fair.csv", csvText: FILE, tags: ["spring-fair"], listId });
    expect(again.preview.creates).toBe(0);
    await admin().contactImports.start({ importId: again.id });
    await settleLocalContactImports();
    expect((await admin().contactImports.get({ importId: again.id })).createdCount).toBe(0);
    expect(await liveContactCount(tenant)).toBe(5);
  });

  it("undo removes what it created and restores what it updated; a contact edited since is kept", async () => {
    const cara = await systemDb().contact.findFirstOrThrow({ where: { organizationId: tenant.id, primaryEmail: "cara@example.org" } });
    const hal = await systemDb().contact.findFirstOrThrow({ where: { organizationId: tenant.id, primaryEmail: "hal@example.org" } });
    // Someone edits Hal after the import: undo must not throw that work away.
    await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: hal.id } }, data: { jobTitle: "Buyer" } });
    const result = await admin().contactImports.undo({ importId });
    expect(result).toMatchObject({ removed: 1, restored: 2, kept: 1 });
    expect(result.import.status).toBe("UNDONE");
    expect(await systemDb().contact.findFirst({ where: { id: cara.id } })).toBeNull();
    expect(await systemDb().contact.findFirst({ where: { id: hal.id } })).not.toBeNull();
    const ann = await systemDb().contact.findFirstOrThrow({ where: { id: annId }, include: { phones: true, fieldValues: true, lists: true, emails: true } });
    expect({ phone: ann.primaryPhone, company: ann.companyId, tags: ann.tags, jobTitle: ann.jobTitle }).toEqual({ phone: null, company: null, tags: [], jobTitle: "CTO" });
    expect(ann.phones).toEqual([]);
    expect(ann.fieldValues).toEqual([]);
    expect(ann.lists).toEqual([]);
    expect(ann.emails.map((e) => e.email)).toEqual(["ann@acme.com"]);
    expect((await systemDb().contact.findFirstOrThrow({ where: { id: bobId } })).tags).toEqual([]);
    expect(await outcome(admin().contactImports.undo({ importId }))).toBe("OK");
    expect(await systemDb().contactImportChange.count({ where: { importId } })).toBe(0);
  });
});
