import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";

/**
 * Contacts against the real database: normalization on write, email uniqueness among live
 * contacts, the timeline every write leaves, soft delete with undo, bulk actions, and keyset
 * pages that stay stable when many rows tie on the sort value.
 */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-contacts");
  await systemDb().organization.update({ where: { id: tenant.id }, data: { country: "GB" } });
});
afterAll(async () => {
  await deleteTenant(tenant);
});

const as = (role: keyof Tenant["users"] = "OWNER") => callerFor(tenant.users[role], tenant.slug);
const activitiesOf = (contactId: string) => systemDb().activity.findMany({ where: { organizationId: tenant.id, contactId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });

describe("contacts.create / update", () => {
  it("normalizes emails (lowercase, trimmed), phones to E.164 in the organization's country, tags; writes CONTACT_CREATED", async () => {
    const { id } = await as().contacts.create({
      firstName: " Ada ",
      lastName: "Lovelace",
      emails: ["  Ada.Lovelace@Example.COM ", "ada@example.com", "ADA@example.com"],
      phones: [{ number: "020 7946 0958", label: "work" }],
      tags: ["  VIP  customer ", "vip customer", "wholesale"],
    });
    const got = await as().contacts.get({ contactId: id });
    if (got.kind !== "contact") throw new Error("expected a contact");
    expect(got.contact.firstName).toBe("Ada");
    expect(got.contact.primaryEmail).toBe("ada.lovelace@example.com");
    expect(got.contact.emails.map((e) => e.email)).toEqual(["ada.lovelace@example.com", "ada@example.com"]);
    expect(got.contact.primaryPhone).toBe("+442079460958");
    expect(got.contact.phones[0]?.label).toBe("work");
    expect(got.contact.tags).toEqual(["VIP customer", "wholesale"]);
    expect(got.contact.ownerUserId).toBe(tenant.users.OWNER.id);
    const row = await systemDb().contact.findFirstOrThrow({ where: { organizationId: tenant.id, id } });
    expect(row.nameKey).toBe("ada lovelace");
    const events = await activitiesOf(id);
    expect(events.map((e) => e.kind)).toEqual(["CONTACT_CREATED"]);
    expect(events[0]?.actorUserId).toBe(tenant.users.OWNER.id);
  });

  it("refuses an address another live contact has, naming that contact (CONFLICT); bad phones and emails are BAD_REQUEST", async () => {
    const { id } = await as().contacts.create({ firstName: "Grace", lastName: "Hopper", emails: ["grace@navy.example"] });
    const dup = as().contacts.create({ firstName: "Other", emails: ["GRACE@navy.example "] });
    await expect(dup).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(dup).rejects.toThrow(/grace@navy\.example already belongs to Grace Hopper/);
    await expect(dup).rejects.toThrow(id);
    expect(await outcome(as().contacts.create({ firstName: "X", phones: [{ number: "12", label: "mobile" }] }))).toBe("BAD_REQUEST");
    expect(await outcome(as().contacts.create({ firstName: "X", emails: ["not-an-email"] }))).toBe("BAD_REQUEST");
    expect(await outcome(as().contacts.create({}))).toBe("BAD_REQUEST");
    // Updating another contact to take the address is refused the same way.
    const { id: other } = await as().contacts.create({ firstName: "Other" });
    await expect(as().contacts.update({ contactId: other, emails: ["grace@navy.example"] })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("lets exactly one of two simultaneous creates have an address; the other gets CONFLICT", async () => {
    const results = await Promise.allSettled([
      as().contacts.create({ firstName: "Race", lastName: "One", emails: ["race@example.com"] }),
      as("ADMIN").contacts.create({ firstName: "Race", lastName: "Two", emails: ["race@example.com"] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult | undefined)?.reason).toMatchObject({ code: "CONFLICT" });
    expect(await systemDb().contactEmail.count({ where: { organizationId: tenant.id, emailKey: "race@example.com" } })).toBe(1);
  });

  it("writes FIELD_CHANGED for each key field that changed (and nothing for an update that changes nothing)", async () => {
    const { id: companyId } = await systemDb().company.create({ data: { organizationId: tenant.id, name: "Analytical Engines Ltd" } });
    const { id } = await as().contacts.create({ firstName: "Charles", lastName: "Babbage", emails: ["cb@example.org"] });
    const result = await as().contacts.update({
      contactId: id,
      lastName: "Babbage-Smith",
      emails: ["charles@example.org", "cb@example.org"],
      lifecycleStage: "CUSTOMER",
      companyId,
      ownerUserId: tenant.users.ADMIN.id,
      jobTitle: "Inventor",
    });
    expect(result.changed.sort()).toEqual(["Company", "Email", "Job title", "Last name", "Lifecycle stage", "Owner"]);
    const changes = (await activitiesOf(id)).filter((a) => a.kind === "FIELD_CHANGED").map((a) => a.payload as { field: string; from: string | null; to: string | null });
    expect(changes).toContainEqual({ field: "Lifecycle stage", from: "Lead", to: "Customer" });
    expect(changes).toContainEqual({ field: "Company", from: null, to: "Analytical Engines Ltd" });
    expect(changes).toContainEqual({ field: "Email", from: "cb@example.org", to: "charles@example.org, cb@example.org" });
    const row = await systemDb().contact.findFirstOrThrow({ where: { organizationId: tenant.id, id } });
    expect(row.primaryEmail).toBe("charles@example.org");
    expect(row.updatedById).toBe(tenant.users.OWNER.id);
    const before = (await activitiesOf(id)).length;
    expect((await as().contacts.update({ contactId: id, lastName: "Babbage-Smith", lifecycleStage: "CUSTOMER" })).changed).toEqual([]);
    expect((await activitiesOf(id)).length).toBe(before);
  });

  it("refuses an owner who is not a member and a company of another organization", async () => {
    const outsider = await createTenant("crm-contacts-outsider");
    try {
      expect(await outcome(as().contacts.create({ firstName: "O", ownerUserId: outsider.users.OWNER.id }))).toBe("BAD_REQUEST");
      const foreignCompany = await systemDb().company.create({ data: { organizationId: outsider.id, name: "Elsewhere" } });
      expect(await outcome(as().contacts.create({ firstName: "O", companyId: foreignCompany.id }))).toBe("NOT_FOUND");
    } finally {
      await deleteTenant(outsider);
    }
  });
});

describe("contacts.delete / restore", () => {
  it("soft-deletes (the address is free again), hides the contact from the list, and restores it with its address when still free", async () => {
    const a = await as().contacts.create({ firstName: "Del", lastName: "Eted", emails: ["deleted@example.com"] });
    const b = await as().contacts.create({ firstName: "Kept", emails: ["kept@example.com"] });
    expect((await as().contacts.delete({ contactIds: [a.id, b.id] })).deleted).toBe(2);
    const list = await as().contacts.list({ search: "example.com" });
    expect(list.rows.map((r) => r.id)).not.toContain(a.id);
    const emailRow = await systemDb().contactEmail.findFirstOrThrow({ where: { organizationId: tenant.id, contactId: a.id } });
    expect(emailRow.emailKey).toBeNull();
    // Meanwhile someone else takes a's address.
    await as().contacts.create({ firstName: "Newcomer", emails: ["deleted@example.com"] });
    const restored = await as().contacts.restore({ contactIds: [a.id, b.id] });
    expect(restored.restored).toBe(2);
    expect(restored.emailsNotRestored).toEqual(["deleted@example.com"]);
    const kept = await systemDb().contactEmail.findFirstOrThrow({ where: { organizationId: tenant.id, contactId: b.id } });
    expect(kept.emailKey).toBe("kept@example.com");
    expect((await as().contacts.list({ search: "kept@example" })).rows.map((r) => r.id)).toEqual([b.id]);
    expect(await outcome(as().contacts.restore({ contactIds: [b.id] }))).toBe("NOT_FOUND");
  });
});

describe("tombstones", () => {
  it("a merged-away contact answers where it lives now, through a chain of merges", async () => {
    const a = await as().contacts.create({ firstName: "Merged", lastName: "Away" });
    const b = await as().contacts.create({ firstName: "Middle" });
    const c = await as().contacts.create({ firstName: "Survivor" });
    await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: a.id } }, data: { mergedIntoId: b.id } });
    await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: b.id } }, data: { mergedIntoId: c.id } });
    expect(await as().contacts.get({ contactId: a.id })).toEqual({ kind: "merged", mergedIntoId: c.id });
    expect(await as().contacts.get({ contactId: b.id })).toEqual({ kind: "merged", mergedIntoId: c.id });
    expect((await as().contacts.get({ contactId: c.id })).kind).toBe("contact");
    // Tombstones are not in the table and take no writes.
    expect((await as().contacts.list({ search: "merged" })).rows).toEqual([]);
    expect(await outcome(as().contacts.update({ contactId: a.id, jobTitle: "x" }))).toBe("NOT_FOUND");
    expect(await outcome(as().contacts.logNote({ contactId: a.id, html: "hi" }))).toBe("NOT_FOUND");
  });
});

describe("contacts.bulkUpdate", () => {
  it("adds and removes tags case-insensitively and sets the owner, with one FIELD_CHANGED per changed contact", async () => {
    const ids = await Promise.all([
      as().contacts.create({ firstName: "B1", tags: ["Cafe"] }),
      as().contacts.create({ firstName: "B2", tags: [] }),
      as().contacts.create({ firstName: "B3", tags: ["wholesale", "cafe"] }),
    ]).then((r) => r.map((c) => c.id));
    expect((await as().contacts.bulkUpdate({ contactIds: ids, action: { kind: "addTags", tags: ["cafe", "Spring 2026"] } })).updated).toBe(3);
    const tagsOf = async () => (await systemDb().contact.findMany({ where: { organizationId: tenant.id, id: { in: ids } }, orderBy: { firstName: "asc" } })).map((c) => c.tags);
    expect(await tagsOf()).toEqual([["Cafe", "Spring 2026"], ["cafe", "Spring 2026"], ["wholesale", "cafe", "Spring 2026"]]);
    expect((await as().contacts.bulkUpdate({ contactIds: ids, action: { kind: "removeTags", tags: ["CAFE"] } })).updated).toBe(3);
    expect(await tagsOf()).toEqual([["Spring 2026"], ["Spring 2026"], ["wholesale", "Spring 2026"]]);
    expect((await as().contacts.bulkUpdate({ contactIds: ids, action: { kind: "setOwner", ownerUserId: tenant.users.VIEWER.id } })).updated).toBe(3);
    const owners = await systemDb().contact.findMany({ where: { organizationId: tenant.id, id: { in: ids } }, select: { ownerUserId: true } });
    expect(owners.every((o) => o.ownerUserId === tenant.users.VIEWER.id)).toBe(true);
    const changes = await systemDb().activity.count({ where: { organizationId: tenant.id, contactId: { in: ids }, kind: "FIELD_CHANGED" } });
    expect(changes).toBe(9);
    expect(await outcome(as("VIEWER").contacts.bulkUpdate({ contactIds: ids, action: { kind: "addTags", tags: ["x"] } }))).toBe("FORBIDDEN");
  });
});

describe("contacts.list", () => {
  it("pages by keyset without skipping or repeating rows that tie on the sort value, in every sort", async () => {
    const t = await createTenant("crm-keyset");
    try {
      // One INSERT: every row gets the same created_at, updated_at and score, and a few share a name.
      await systemDb().contact.createMany({
        data: Array.from({ length: 23 }, (_, i) => ({ organizationId: t.id, firstName: i % 3 === 0 ? "Same" : `Name${String(i).padStart(2, "0")}`, lastName: i % 3 === 0 ? "Name" : null, nameKey: i % 3 === 0 ? "same name" : `name${String(i).padStart(2, "0")}` })),
      });
      const caller = callerFor(t.users.OWNER, t.slug);
      for (const field of ["name", "created", "updated", "score"] as const) {
        for (const direction of ["asc", "desc"] as const) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await caller.contacts.list({ sort: { field, direction }, limit: 5, ...(cursor ? { cursor } : {}) });
            seen.push(...page.rows.map((r) => r.id));
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(seen.length).toBe(23);
          expect(new Set(seen).size).toBe(23);
        }
      }
      const byName = await caller.contacts.list({ sort: { field: "name", direction: "asc" }, limit: 100 });
      expect(byName.rows.slice(-8).every((r) => r.displayName === "Same Name")).toBe(true);
      expect(await outcome(caller.contacts.list({ cursor: "garbage" }))).toBe("BAD_REQUEST");
    } finally {
      await deleteTenant(t);
    }
  });

  it("searches name, email, phone and company; filters by lifecycle, owner, tag and company", async () => {
    const t = await createTenant("crm-search");
    try {
      await systemDb().organization.update({ where: { id: t.id }, data: { country: "GB" } });
      const caller = callerFor(t.users.OWNER, t.slug);
      const company = await systemDb().company.create({ data: { organizationId: t.id, name: "Crumb & Co" } });
      const a = await caller.contacts.create({ firstName: "Zoë", lastName: "Baker", emails: ["zoe@crumb.example"], phones: [{ number: "07911 123456", label: "mobile" }], companyId: company.id, lifecycleStage: "CUSTOMER", tags: ["Cafe"] });
      const b = await caller.contacts.create({ firstName: "Yann", lastName: "Miller", emails: ["yann@flour.example"], ownerUserId: t.users.ADMIN.id });
      const ids = async (input: Parameters<typeof caller.contacts.list>[0]) => (await caller.contacts.list(input)).rows.map((r) => r.id).sort();
      expect(await ids({ search: "zoe" })).toEqual([a.id]);
      expect(await ids({ search: "FLOUR.example" })).toEqual([b.id]);
      expect(await ids({ search: "7911123456" })).toEqual([a.id]);
      expect(await ids({ search: "crumb &" })).toEqual([a.id]);
      expect(await ids({ lifecycleStages: ["CUSTOMER"] })).toEqual([a.id]);
      expect(await ids({ ownerUserId: t.users.ADMIN.id })).toEqual([b.id]);
      expect(await ids({ tag: "Cafe" })).toEqual([a.id]);
      expect(await ids({ companyId: company.id })).toEqual([a.id]);
      const list = await caller.contacts.list({ search: "zoe" });
      expect(list.rows[0]?.company?.name).toBe("Crumb & Co");
    } finally {
      await deleteTenant(t);
    }
  });
});
