import { setImmediate as nextTurn } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { flagExactDuplicates } from "../../../src/services/crm/duplicates/exact";
import { openFile, readFile, type RowContext } from "../../../src/services/crm/import/rows";
import { createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { seedContact } from "./helpers";

const context: RowContext = {
  mapping: { "0": "email", "1": "phone", "2": "firstName" },
  matchKey: "email",
  country: "GB",
  customFields: new Map(),
};

// Row 2 is invalid (bad phone), so row 3 — same email — is the first valid row of that key, and
// row 5 repeats it; row 6 repeats row 1.
const CSV = [
  "email,phone,first name",
  "ann@x.test,07911 123456,Ann",
  "bob@x.test,not-a-phone,Bob",
  "bob@x.test,07911 123457,Bob",
  "not-an-email,07911 123458,Cy",
  "bob@x.test,07911 123459,Bob again",
  "ANN@x.test,,Ann again",
  "dee@x.test,,Dee",
].join("\n");

describe("the job's file reader", () => {
  it("read piece by piece (and ahead, between other work) decides every row as reading the whole file does", async () => {
    const whole = readFile(CSV, context);
    expect(whole.rows.map((r) => r.row)).toEqual([1, 3, 7]);
    expect(whole.repeats).toEqual([
      { row: 5, firstRow: 3, key: "bob@x.test" },
      { row: 6, firstRow: 1, key: "ann@x.test" },
    ]);
    expect(whole.errors.map((e) => [e.row, e.field])).toEqual([
      [2, "phone"],
      [4, "email"],
    ]);

    const reader = openFile(CSV, context);
    expect(reader.readRows).toBe(0);
    reader.readThrough(2);
    expect(reader.rows.map((r) => r.row)).toEqual([1]);
    expect(reader.errors.map((e) => e.row)).toEqual([2]);
    reader.readAhead(5);
    for (let i = 0; i < 5 && reader.readRows < 5; i++) await nextTurn();
    expect(reader.readRows).toBe(5);
    reader.readThrough(100);
    expect(reader.readRows).toBe(whole.totalRows);
    expect({ rows: reader.rows, errors: reader.errors, repeats: reader.repeats }).toEqual({ rows: whole.rows, errors: whole.errors, repeats: whole.repeats });
  });

  it("stop() ends reading ahead; readThrough still reads what is asked", async () => {
    const reader = openFile(CSV, context);
    reader.readAhead(7);
    reader.stop();
    await nextTurn();
    await nextTurn();
    expect(reader.readRows).toBe(0);
    reader.readThrough(3);
    expect(reader.readRows).toBe(3);
  });
});

/** A pair as the queue stores it: the smaller id first. */
function ordered(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

describe("the import's exact-duplicate check", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await createTenant("crm-import-flags");
  });
  afterAll(async () => {
    await deleteTenant(tenant);
  });

  it("pairs a written contact with each live contact of its phone — not tombstones, not itself — once, leaving reviewed pairs alone", async () => {
    const live = await seedContact(tenant, { firstName: "Live", phone: "+447911000001" });
    const merged = await seedContact(tenant, { firstName: "Merged", phone: "+447911000001" });
    const deleted = await seedContact(tenant, { firstName: "Deleted", phone: "+447911000001" });
    await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: merged } }, data: { mergedIntoId: live } });
    await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: deleted } }, data: { deletedAt: new Date() } });
    const reviewed = await seedContact(tenant, { firstName: "Reviewed", phone: "+447911000002" });
    const written = await seedContact(tenant, { firstName: "Written", phone: "+447911000001" });
    const other = await seedContact(tenant, { firstName: "Other", phone: "+447911000002" });
    const noPhone = await seedContact(tenant, { firstName: "No phone" });
    const [ra, rb] = ordered(reviewed, other);
    await systemDb().duplicateCandidate.create({
      data: { organizationId: tenant.id, object: "CONTACT", recordAId: ra, recordBId: rb, score: 1, reasons: ["same phone"], status: "DISMISSED" },
    });

    const flagged = await withOrg(tenant.id, (db) =>
      flagExactDuplicates(db, tenant.id, [
        { id: written, phone: "+447911000001" },
        { id: written, phone: "+447911000001" },
        { id: other, phone: "+447911000002" },
        { id: noPhone, phone: null },
      ]),
    );
    expect(flagged).toBe(1);
    const pairs = await systemDb().duplicateCandidate.findMany({ where: { organizationId: tenant.id }, select: { recordAId: true, recordBId: true, status: true, reasons: true } });
    const [a, b] = ordered(written, live);
    expect(pairs).toHaveLength(2);
    expect(pairs).toContainEqual({ recordAId: a, recordBId: b, status: "OPEN", reasons: ["same phone"] });
    expect(pairs).toContainEqual({ recordAId: ra, recordBId: rb, status: "DISMISSED", reasons: ["same phone"] });
  });
});
