import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { segmentFilter, type SegmentFilterInput } from "../../../src/schemas/crm/segment";
import { countSegment, pageSegment } from "../../../src/services/crm/segments/queries";
import { segmentWhereSql } from "../../../src/services/crm/segments/compile";
import type { RecordVisibility } from "../../../src/services/crm/record-visibility";
import { buildSegmentWorld, type SegmentWorld } from "./segment-world";

// The segment compiler against a table of filters with the members each must find, run through
// the tenant client (RLS transaction) as the procedures run it. The world has three live
// contacts that differ on every fact, and a deleted and a merged one that match everything.

let tenant: Tenant;
let other: Tenant;
let world: SegmentWorld;
let otherWorld: SegmentWorld;

beforeAll(async () => {
  tenant = await createTenant("segments");
  other = await createTenant("segments-other");
  world = await buildSegmentWorld(tenant);
  // The same data again in another tenant: none of it may ever be counted here.
  otherWorld = await buildSegmentWorld(other);
});

afterAll(async () => {
  await deleteTenant(tenant);
  await deleteTenant(other);
});

type Name = "ann" | "bob" | "cyd";
const all = (...conditions: SegmentFilterInput["conditions"]): SegmentFilterInput => ({ match: "all", conditions });
const any = (...conditions: SegmentFilterInput["conditions"]): SegmentFilterInput => ({ match: "any", conditions });
const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

function cases(w: SegmentWorld, t: Tenant): [string, SegmentFilterInput, Name[]][] {
  return [
    ["an empty filter is every live contact", all(), ["ann", "bob", "cyd"]],
    ["an empty 'any' filter is every live contact too", any(), ["ann", "bob", "cyd"]],
    ["first name equals, case-insensitive", all({ kind: "contact_text", field: "firstName", op: "equals", value: "ann" }), ["ann"]],
    ["first name not equals", all({ kind: "contact_text", field: "firstName", op: "not_equals", value: "Ann" }), ["bob", "cyd"]],
    ["email contains", all({ kind: "contact_text", field: "email", op: "contains", value: "@GLOBEX" }), ["bob"]],
    ["email is empty", all({ kind: "contact_text", field: "email", op: "is_empty" }), ["cyd"]],
    ["phone is not empty", all({ kind: "contact_text", field: "phone", op: "is_not_empty" }), ["bob"]],
    ["job title starts with", all({ kind: "contact_text", field: "jobTitle", op: "starts_with", value: "ct" }), ["ann"]],
    ["source not contains", all({ kind: "contact_text", field: "source", op: "not_contains", value: "form" }), ["bob", "cyd"]],
    ["LIKE wildcards are literal", all({ kind: "contact_text", field: "firstName", op: "contains", value: "%" }), []],
    ["quotes are data, not SQL", all({ kind: "contact_text", field: "firstName", op: "equals", value: "x'; DELETE FROM contacts; --" }), []],
    ["created before a day", all({ kind: "contact_date", field: "createdAt", op: "before", date: isoDay(50) }), ["cyd"]],
    ["created after a day", all({ kind: "contact_date", field: "createdAt", op: "after", date: isoDay(50) }), ["ann", "bob"]],
    ["created in the last 30 days", all({ kind: "contact_date", field: "createdAt", op: "in_last_days", days: 30 }), ["ann", "bob"]],
    ["created not in the last 30 days", all({ kind: "contact_date", field: "createdAt", op: "not_in_last_days", days: 30 }), ["cyd"]],
    ["tags has any", all({ kind: "tags", op: "has_any", values: ["vip", "nothing"] }), ["ann"]],
    ["tags has all", all({ kind: "tags", op: "has_all", values: ["vip", "newsletter"] }), ["ann"]],
    ["tags has none", all({ kind: "tags", op: "has_none", values: ["newsletter"] }), ["cyd"]],
    ["lifecycle in", all({ kind: "lifecycle", op: "in", values: ["LEAD", "CUSTOMER"] }), ["ann", "bob"]],
    ["lifecycle not in", all({ kind: "lifecycle", op: "not_in", values: ["LEAD"] }), ["bob", "cyd"]],
    ["score greater than", all({ kind: "score", op: "gt", value: 5 }), ["ann", "bob"]],
    ["score less than", all({ kind: "score", op: "lt", value: 10 }), ["cyd"]],
    ["score between, inclusive, bounds in any order", all({ kind: "score", op: "between", value: 10, valueTo: 0 }), ["ann", "cyd"]],
    ["owner is", all({ kind: "owner", op: "is", userId: t.users.OWNER.id }), ["ann"]],
    ["owner is not (includes no owner)", all({ kind: "owner", op: "is_not", userId: t.users.OWNER.id }), ["bob", "cyd"]],
    ["owner is empty", all({ kind: "owner", op: "is_empty" }), ["cyd"]],
    ["company name equals", all({ kind: "company", field: "name", op: "equals", value: "acme" }), ["ann"]],
    ["company domain contains", all({ kind: "company", field: "domain", op: "contains", value: ".io" }), ["bob"]],
    ["company country equals", all({ kind: "company", field: "country", op: "equals", value: "us" }), ["bob"]],
    ["company industry is empty (no company)", all({ kind: "company", field: "industry", op: "is_empty" }), ["cyd"]],
    ["company name not equals (no company too)", all({ kind: "company", field: "name", op: "not_equals", value: "Acme" }), ["bob", "cyd"]],
    ["company size equals", all({ kind: "company", field: "size", op: "equals", value: "11-50" }), ["ann"]],
    ["custom text equals", all({ kind: "custom", type: "text", fieldId: w.fields.plan, op: "equals", value: "pro" }), ["ann"]],
    ["custom text contains", all({ kind: "custom", type: "text", fieldId: w.fields.plan, op: "contains", value: "r" }), ["ann"]],
    ["custom text empty (blank or no value)", all({ kind: "custom", type: "text", fieldId: w.fields.plan, op: "is_empty" }), ["bob", "cyd"]],
    ["custom number greater than", all({ kind: "custom", type: "number", fieldId: w.fields.arr, op: "gt", value: 10000 }), ["bob"]],
    ["custom number equals", all({ kind: "custom", type: "number", fieldId: w.fields.arr, op: "eq", value: 5000 }), ["ann"]],
    ["custom number between", all({ kind: "custom", type: "number", fieldId: w.fields.arr, op: "between", value: 1000, valueTo: 6000 }), ["ann"]],
    ["custom number is empty", all({ kind: "custom", type: "number", fieldId: w.fields.arr, op: "is_empty" }), ["cyd"]],
    ["custom date before", all({ kind: "custom", type: "date", fieldId: w.fields.renewal, op: "before", date: "2026-12-01" }), ["bob"]],
    ["custom date after", all({ kind: "custom", type: "date", fieldId: w.fields.renewal, op: "after", date: "2026-12-31" }), ["ann"]],
    ["custom boolean true", all({ kind: "custom", type: "boolean", fieldId: w.fields.vip, op: "is_true" }), ["ann"]],
    ["custom boolean false", all({ kind: "custom", type: "boolean", fieldId: w.fields.vip, op: "is_false" }), ["bob"]],
    ["custom boolean unset", all({ kind: "custom", type: "boolean", fieldId: w.fields.vip, op: "is_empty" }), ["cyd"]],
    ["single select in", all({ kind: "custom", type: "single_select", fieldId: w.fields.region, op: "in", optionIds: ["eu"] }), ["ann"]],
    ["single select not in (no value too)", all({ kind: "custom", type: "single_select", fieldId: w.fields.region, op: "not_in", optionIds: ["eu"] }), ["bob", "cyd"]],
    ["multi select has any", all({ kind: "custom", type: "multi_select", fieldId: w.fields.interests, op: "has_any", optionIds: ["b", "c"] }), ["ann", "bob"]],
    ["multi select has all", all({ kind: "custom", type: "multi_select", fieldId: w.fields.interests, op: "has_all", optionIds: ["a", "b"] }), ["ann"]],
    ["a field of another tenant matches nothing", all({ kind: "custom", type: "text", fieldId: otherWorld.fields.plan, op: "is_not_empty" }), []],
    ["consent granted = the latest row", all({ kind: "consent", channel: "EMAIL", purpose: "marketing", state: "granted" }), ["bob"]],
    ["consent withdrawn = the latest row", all({ kind: "consent", channel: "EMAIL", purpose: "marketing", state: "withdrawn" }), ["ann"]],
    ["consent never given", all({ kind: "consent", channel: "EMAIL", purpose: "marketing", state: "never" }), ["cyd"]],
    ["consent of another channel never given", all({ kind: "consent", channel: "SMS", purpose: "marketing", state: "never" }), ["ann", "bob", "cyd"]],
    ["has an open deal", all({ kind: "deal", status: "open" }), ["ann"]],
    ["has an open deal in stage Qualified", all({ kind: "deal", status: "open", stageId: w.stages.qualified }), ["ann"]],
    ["has a won deal", all({ kind: "deal", status: "won" }), ["bob"]],
    ["has a deal in the pipeline", all({ kind: "deal", pipelineId: w.pipelineId }), ["ann", "bob"]],
    ["has a deal in the other pipeline", all({ kind: "deal", pipelineId: w.otherPipelineId }), []],
    ["has no deal (a deleted deal is none)", all({ kind: "deal", has: false }), ["cyd"]],
    ["submitted form F in the last 30 days", all({ kind: "activity", activity: "form_submitted", formId: w.formId, days: 30 }), ["ann"]],
    ["submitted form F in the last 60 days", all({ kind: "activity", activity: "form_submitted", formId: w.formId, days: 60 }), ["ann", "bob"]],
    ["submitted any form in the last 7 days", all({ kind: "activity", activity: "form_submitted", days: 7 }), ["ann", "cyd"]],
    ["opened an email in the last 7 days", all({ kind: "activity", activity: "email_opened", days: 7 }), ["bob"]],
    ["did not open an email in the last 7 days", all({ kind: "activity", activity: "email_opened", days: 7, has: false }), ["ann", "cyd"]],
    ["in list", all({ kind: "list", op: "in", listId: w.listId }), ["ann"]],
    ["not in list", all({ kind: "list", op: "not_in", listId: w.listId }), ["bob", "cyd"]],
    ["in another tenant's list matches nothing", all({ kind: "list", op: "in", listId: otherWorld.listId }), []],
    ["OR at the root", any({ kind: "contact_text", field: "firstName", op: "equals", value: "ann" }, { kind: "tags", op: "has_none", values: ["newsletter"] }), ["ann", "cyd"]],
    [
      "a nested OR inside AND",
      all({ kind: "group", match: "any", conditions: [{ kind: "lifecycle", op: "in", values: ["LEAD"] }, { kind: "lifecycle", op: "in", values: ["CUSTOMER"] }] }, { kind: "score", op: "gt", value: 20 }),
      ["bob"],
    ],
    [
      "OR of AND groups over custom fields and companies",
      any(
        { kind: "group", match: "all", conditions: [{ kind: "tags", op: "has_any", values: ["vip"] }, { kind: "score", op: "lt", value: 5 }] },
        { kind: "group", match: "all", conditions: [{ kind: "company", field: "country", op: "equals", value: "US" }, { kind: "custom", type: "number", fieldId: w.fields.arr, op: "gt", value: 10000 }] },
      ),
      ["bob"],
    ],
    ["an empty nested group constrains nothing", all({ kind: "group", match: "any", conditions: [] }, { kind: "score", op: "gt", value: 20 }), ["bob"]],
    [
      "consent and activity and deal together",
      all({ kind: "consent", channel: "EMAIL", purpose: "marketing", state: "granted" }, { kind: "activity", activity: "email_opened", days: 7 }, { kind: "deal", status: "won" }),
      ["bob"],
    ],
  ];
}

const everyone: RecordVisibility = { ownOnly: false, userId: "00000000-0000-4000-8000-000000000000" };

async function members(orgId: string, visibility: RecordVisibility, filter: SegmentFilterInput): Promise<{ ids: string[]; count: number }> {
  const parsed = segmentFilter.parse(filter);
  // Raw SQL runs in the RLS transaction of withOrg, as in a procedure (forOrg scopes model calls only).
  return withOrg(orgId, async (db) => {
    const page = await pageSegment(db, visibility, parsed, { limit: 100 });
    return { ids: page.items.map((m) => m.id).sort(), count: await countSegment(db, visibility, parsed) };
  });
}

describe("segment compiler", () => {
  it("finds exactly the expected members for every case, and counts them", async () => {
    const failures: string[] = [];
    for (const [name, filter, expected] of cases(world, tenant)) {
      const { ids, count } = await members(tenant.id, everyone, filter);
      const want = expected.map((n) => world.contacts[n]).sort();
      if (JSON.stringify(ids) !== JSON.stringify(want) || count !== want.length) {
        const names = Object.entries(world.contacts).filter(([, id]) => ids.includes(id)).map(([n]) => n);
        failures.push(`${name}: got [${names.join(", ")}] (count ${count}), expected [${expected.join(", ")}]`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("puts every value the filter holds into a bound parameter, never into the SQL text", () => {
    const VALUE_KEYS = new Set(["value", "values", "date", "optionIds", "purpose", "listId", "fieldId", "formId", "userId", "stageId", "pipelineId"]);
    const valuesIn = (node: unknown, key = ""): string[] => {
      if (typeof node === "string") return VALUE_KEYS.has(key) && node.length > 1 ? [node] : [];
      if (Array.isArray(node)) return node.flatMap((item) => valuesIn(item, key));
      if (node && typeof node === "object") return Object.entries(node).flatMap(([k, v]) => valuesIn(v, k));
      return [];
    };
    let checked = 0;
    for (const [name, filter] of cases(world, tenant)) {
      const sql = segmentWhereSql(segmentFilter.parse(filter), { organizationId: tenant.id, visibility: everyone });
      for (const value of valuesIn(filter)) {
        expect(sql.sql, `${name}: ${value}`).not.toContain(value);
        checked++;
      }
      expect(sql.sql).not.toContain(tenant.id);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("counts only the organization's own contacts, whatever ids the filter names", async () => {
    const crafted = any(
      { kind: "list", op: "in", listId: otherWorld.listId },
      { kind: "custom", type: "text", fieldId: otherWorld.fields.plan, op: "equals", value: "Pro" },
      { kind: "deal", stageId: otherWorld.stages.qualified },
      { kind: "activity", activity: "form_submitted", formId: otherWorld.formId, days: 30 },
    );
    expect(await members(tenant.id, everyone, crafted)).toEqual({ ids: [], count: 0 });
    // The other tenant's own ids find its own members, in its own scope only.
    const theirs = await members(other.id, everyone, crafted);
    expect(theirs.ids).toEqual([otherWorld.contacts.ann]);
  });

  it("applies own-records visibility to contacts and to the deals their facts read", async () => {
    const editor: RecordVisibility = { ownOnly: true, userId: tenant.users.CONTENT_EDITOR.id };
    expect((await members(tenant.id, editor, all())).ids).toEqual([world.contacts.bob]);
    expect((await members(tenant.id, editor, all({ kind: "deal", status: "won" }))).ids).toEqual([world.contacts.bob]);
    const owner: RecordVisibility = { ownOnly: true, userId: tenant.users.OWNER.id };
    expect(await members(tenant.id, owner, all({ kind: "score", op: "gt", value: 0 }))).toEqual({ ids: [world.contacts.ann], count: 1 });
    // Bob's won deal belongs to the editor: the owner, kept to their own records, cannot see it.
    expect((await members(tenant.id, owner, all({ kind: "deal", status: "won" }))).count).toBe(0);
  });

  it("pages by (created_at, id) descending with a cursor, and a foreign cursor gives an empty page", async () => {
    const page = (limit: number, cursor?: string) => withOrg(tenant.id, (db) => pageSegment(db, everyone, segmentFilter.parse(all()), { limit, cursor }));
    const first = await page(2);
    expect(first.items.map((m) => m.id)).toEqual([world.contacts.bob, world.contacts.ann]);
    expect(first.items[0]).toMatchObject({ firstName: "Bob", companyName: "Globex", lifecycleStage: "CUSTOMER", tags: ["newsletter"] });
    expect(first.nextCursor).toBe(world.contacts.ann);
    const second = await page(2, first.nextCursor ?? undefined);
    expect(second).toEqual({ items: [expect.objectContaining({ id: world.contacts.cyd })], nextCursor: null });
    const foreign = await page(2, otherWorld.contacts.ann);
    expect(foreign).toEqual({ items: [], nextCursor: null });
  });
});
