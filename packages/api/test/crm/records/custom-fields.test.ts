import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCustomFieldValue, type FieldDefinition } from "../../../src/services/crm/custom-fields";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";

/**
 * Custom fields: values land in the column of their type, are checked against the definition,
 * and survive renaming the field or its options (values point at stable ids).
 */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-fields");
  await systemDb().organization.update({ where: { id: tenant.id }, data: { country: "DE" } });
});
afterAll(async () => {
  await deleteTenant(tenant);
});
const as = (role: keyof Tenant["users"] = "OWNER") => callerFor(tenant.users[role], tenant.slug);

describe("custom field values", () => {
  it("stores each type in its typed column and reads it back; invalid values are BAD_REQUEST naming the field", async () => {
    const s = as().crmSettings;
    const product = await s.fieldCreate({ object: "CONTACT", label: "Favourite product", type: "SINGLE_SELECT", options: [{ label: "Sourdough" }, { label: "Croissant" }] });
    const diets = await s.fieldCreate({ object: "CONTACT", label: "Diets", type: "MULTI_SELECT", options: [{ label: "Vegan" }, { label: "Gluten-free" }] });
    const spend = await s.fieldCreate({ object: "CONTACT", label: "Annual spend", type: "CURRENCY", currency: "eur" });
    const wholesale = await s.fieldCreate({ object: "CONTACT", label: "Wholesale account", type: "BOOLEAN" });
    const since = await s.fieldCreate({ object: "CONTACT", label: "Customer since", type: "DATE" });
    const visits = await s.fieldCreate({ object: "CONTACT", label: "Visits", type: "NUMBER" });
    const site = await s.fieldCreate({ object: "CONTACT", label: "Website", type: "URL" });
    const fax = await s.fieldCreate({ object: "CONTACT", label: "Orders phone", type: "PHONE" });
    expect(spend.currency).toBe("EUR");
    expect(product.key).toBe("favourite_product");
    const sourdough = product.options[0]?.id ?? "";
    const vegan = diets.options[0]?.id ?? "";
    const { id } = await as().contacts.create({
      firstName: "Typed",
      customFields: { [product.id]: sourdough, [diets.id]: [vegan], [spend.id]: 125_050, [wholesale.id]: true, [since.id]: "2024-02-29", [visits.id]: 12.5, [site.id]: "crumb.example/shop", [fax.id]: "030 901820" },
    });
    const rows = await systemDb().customFieldValue.findMany({ where: { organizationId: tenant.id, contactId: id } });
    const col = (fieldId: string) => rows.find((r) => r.fieldId === fieldId);
    expect(col(product.id)?.valueText).toBe(sourdough);
    expect(col(diets.id)?.valueOptions).toEqual([vegan]);
    expect(col(spend.id)?.valueNumber?.toNumber()).toBe(125_050);
    expect(col(wholesale.id)?.valueBool).toBe(true);
    expect(col(since.id)?.valueDate?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(col(visits.id)?.valueNumber?.toNumber()).toBe(12.5);
    expect(col(site.id)?.valueText).toBe("https://crumb.example/shop");
    expect(col(fax.id)?.valueText).toBe("+4930901820");
    const got = await as().contacts.get({ contactId: id });
    if (got.kind !== "contact") throw new Error("expected a contact");
    expect(got.customFields[since.id]).toBe("2024-02-29");
    expect(got.customFields[spend.id]).toBe(125_050);

    for (const bad of [{ [since.id]: "2023-02-29" }, { [product.id]: "opt_nope" }, { [spend.id]: 12.5 }, { [wholesale.id]: "yes" }, { [site.id]: "javascript:alert(1)" }]) {
      await expect(as().contacts.update({ contactId: id, customFields: bad })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(as().contacts.update({ contactId: id, customFields: { [since.id]: "2023-02-29" } })).rejects.toThrow(/Customer since/);
    // Clearing deletes the value row and says so on the timeline.
    await as().contacts.update({ contactId: id, customFields: { [visits.id]: null } });
    expect(await systemDb().customFieldValue.count({ where: { organizationId: tenant.id, contactId: id, fieldId: visits.id } })).toBe(0);
    const change = await systemDb().activity.findFirst({ where: { organizationId: tenant.id, contactId: id, kind: "FIELD_CHANGED" } });
    expect(change?.payload).toEqual({ field: "Visits", from: "12.5", to: null });
  });

  it("renaming the field and its options keeps every value; a removed option is archived, not lost", async () => {
    const s = as().crmSettings;
    const field = await s.fieldCreate({ object: "CONTACT", label: "Segment", type: "SINGLE_SELECT", options: [{ label: "Cafe" }, { label: "Caterer" }] });
    const [cafe, caterer] = field.options;
    if (!cafe || !caterer) throw new Error("options missing");
    const a = await as().contacts.create({ firstName: "A", customFields: { [field.id]: cafe.id } });
    const b = await as().contacts.create({ firstName: "B", customFields: { [field.id]: caterer.id } });
    const renamed = await s.fieldUpdate({ fieldId: field.id, label: "Customer segment", options: [{ id: cafe.id, label: "Café" }, { label: "Wholesale" }] });
    expect(renamed.key).toBe(field.key);
    expect(renamed.options.map((o) => [o.label, o.archived ?? false])).toEqual([["Café", false], ["Wholesale", false], ["Caterer", true]]);
    expect(renamed.options[0]?.id).toBe(cafe.id);
    const getA = await as().contacts.get({ contactId: a.id });
    const getB = await as().contacts.get({ contactId: b.id });
    if (getA.kind !== "contact" || getB.kind !== "contact") throw new Error("expected contacts");
    expect(getA.customFields[field.id]).toBe(cafe.id);
    expect(getB.customFields[field.id]).toBe(caterer.id);
    // An archived option keeps its values but takes no new ones.
    expect(await outcome(as().contacts.update({ contactId: a.id, customFields: { [field.id]: caterer.id } }))).toBe("BAD_REQUEST");
    // Archiving the field hides it from the table's columns; its values stay.
    await s.fieldArchive({ fieldId: field.id });
    const list = await as().contacts.list({});
    expect(list.columns.map((c) => c.id)).not.toContain(field.id);
    expect(await systemDb().customFieldValue.count({ where: { organizationId: tenant.id, fieldId: field.id } })).toBe(2);
    const all = await s.fieldList({ object: "CONTACT", includeArchived: true });
    expect(all.find((f) => f.id === field.id)?.label).toBe("Customer segment");
  });

  it("reorders fields and refuses duplicates, option-less selects and readers", async () => {
    const s = as().crmSettings;
    const one = await s.fieldCreate({ object: "COMPANY", label: "Tier", type: "TEXT" });
    const two = await s.fieldCreate({ object: "COMPANY", label: "Region code", type: "TEXT" });
    const ordered = await s.fieldReorder({ object: "COMPANY", fieldIds: [two.id, one.id] });
    expect(ordered.map((f) => f.id)).toEqual([two.id, one.id]);
    expect(await outcome(s.fieldCreate({ object: "COMPANY", label: "tier", type: "TEXT" }))).toBe("CONFLICT");
    expect(await outcome(s.fieldCreate({ object: "COMPANY", label: "Kind", type: "SINGLE_SELECT", options: [] }))).toBe("BAD_REQUEST");
    expect(await outcome(as("VIEWER").crmSettings.fieldCreate({ object: "COMPANY", label: "Nope", type: "TEXT" }))).toBe("FORBIDDEN");
    expect((await as("VIEWER").crmSettings.fieldList({ object: "COMPANY" })).length).toBe(2);
  });
});

describe("parseCustomFieldValue (shared with the import)", () => {
  const def = (type: FieldDefinition["type"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ id: "f", object: "CONTACT", key: "k", label: "Field", type, options: [], currency: null, position: 0, archivedAt: null, ...extra });
  const value = (d: FieldDefinition, raw: string) => {
    const r = parseCustomFieldValue(d, raw, { country: "GB" });
    return r.ok ? r.value : `error: ${r.reason}`;
  };
  it("reads text cells into typed values", () => {
    expect(value(def("CURRENCY"), "€1.234,50")).toBe(123_450);
    expect(value(def("CURRENCY"), "1,234.50")).toBe(123_450);
    expect(value(def("NUMBER"), " 42 ")).toBe(42);
    expect(value(def("BOOLEAN"), "Yes")).toBe(true);
    expect(value(def("BOOLEAN"), "0")).toBe(false);
    expect(value(def("DATE"), "31/12/2025")).toBe("2025-12-31");
    expect(value(def("DATE"), "2025-12-31")).toBe("2025-12-31");
    const options = [{ id: "opt_a", label: "Sourdough" }, { id: "opt_b", label: "Rye" }];
    expect(value(def("SINGLE_SELECT", { options }), "sourdough")).toBe("opt_a");
    expect(value(def("MULTI_SELECT", { options }), "Rye; Sourdough")).toEqual(["opt_b", "opt_a"]);
    expect(value(def("PHONE"), "020 7946 0958")).toBe("+442079460958");
    expect(value(def("TEXT"), "   ")).toBeNull();
    expect(value(def("BOOLEAN"), "perhaps")).toMatch(/^error: Field: "perhaps" is not yes or no/);
    expect(value(def("SINGLE_SELECT", { options }), "Baguette")).toMatch(/^error: .*Sourdough, Rye/);
  });
});
