import { systemDb } from "@mg/db/system";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../../fixtures";

/** Companies: registrable domains unique among live companies, the 360° page, timeline, soft delete. */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("crm-companies");
});
afterAll(async () => {
  await deleteTenant(tenant);
});
const as = (role: keyof Tenant["users"] = "OWNER") => callerFor(tenant.users[role], tenant.slug);

describe("companies", () => {
  it("stores the registrable domain and refuses it for a second live company, naming the first (CONFLICT)", async () => {
    const { id } = await as().companies.create({ name: "Flour Mill", domain: "https://shop.flourmill.co.uk/about", country: "gb", address: { city: "Leeds" } });
    const row = await systemDb().company.findFirstOrThrow({ where: { organizationId: tenant.id, id } });
    expect(row.domain).toBe("flourmill.co.uk");
    expect(row.domainKey).toBe("flourmill.co.uk");
    expect(row.country).toBe("GB");
    const dup = as().companies.create({ name: "Copy", domain: "WWW.FLOURMILL.CO.UK" });
    await expect(dup).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(dup).rejects.toThrow(/flourmill\.co\.uk already belongs to Flour Mill/);
    expect(await outcome(as().companies.create({ name: "Bad", domain: "not a domain" }))).toBe("BAD_REQUEST");
    // Soft delete frees the domain; restore takes it back only while still free.
    await as().companies.delete({ companyIds: [id] });
    const again = await as().companies.create({ name: "Flour Mill 2", domain: "flourmill.co.uk" });
    const restored = await as().companies.restore({ companyIds: [id] });
    expect(restored.domainsNotRestored).toEqual(["flourmill.co.uk"]);
    expect((await systemDb().company.findFirstOrThrow({ where: { organizationId: tenant.id, id } })).domainKey).toBeNull();
    expect((await systemDb().company.findFirstOrThrow({ where: { organizationId: tenant.id, id: again.id } })).domainKey).toBe("flourmill.co.uk");
  });

  it("updates with FIELD_CHANGED on its timeline; the 360° page lists its contacts; notes and calls land on its timeline", async () => {
    const { id } = await as().companies.create({ name: "Crumbs Catering", industry: "Catering" });
    const updated = await as().companies.update({ companyId: id, name: "Crumbs Catering Ltd", size: "11-50", domain: "crumbs.example" });
    expect(updated.changed.sort()).toEqual(["Domain", "Name", "Size"]);
    const contact = await as().contacts.create({ firstName: "Cat", lastName: "Erer", companyId: id });
    await as().companies.logNote({ companyId: id, html: "<p>Big <em>order</em> season</p><script>x()</script>" });
    await as().companies.logCall({ companyId: id, summary: "Quarterly review" });
    const got = await as().companies.get({ companyId: id });
    if (got.kind !== "company") throw new Error("expected a company");
    expect(got.company.name).toBe("Crumbs Catering Ltd");
    expect(got.contactCount).toBe(1);
    expect(got.contacts.map((c) => c.id)).toEqual([contact.id]);
    const timeline = await as().companies.timeline({ companyId: id });
    expect(timeline.entries.map((e) => e.kind).sort()).toEqual(["CALL", "CONTACT_CREATED", "FIELD_CHANGED", "FIELD_CHANGED", "FIELD_CHANGED", "NOTE"]);
    const note = timeline.entries.find((e) => e.kind === "NOTE");
    expect((note?.payload as { html: string }).html).toBe("<p>Big <em>order</em> season</p>");
    const list = await as().companies.list({ search: "crumbs" });
    expect(list.rows.map((r) => [r.id, r.contactCount])).toEqual([[id, 1]]);
    expect(await outcome(as("VIEWER").companies.update({ companyId: id, name: "x" }))).toBe("FORBIDDEN");
  });

  it("pages by name with ties on the name", async () => {
    const t = await createTenant("crm-companies-keyset");
    try {
      await systemDb().company.createMany({ data: Array.from({ length: 11 }, (_, i) => ({ organizationId: t.id, name: i < 6 ? "Same" : `Co ${i}` })) });
      const caller = callerFor(t.users.OWNER, t.slug);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await caller.companies.list({ limit: 4, ...(cursor ? { cursor } : {}) });
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(11);
    } finally {
      await deleteTenant(t);
    }
  });
});

describe("saved views", () => {
  it("keeps personal views to their member and shared views for everyone; only editors share", async () => {
    const config = { columns: ["name", "email"], filters: { lifecycleStages: ["CUSTOMER"] }, sort: { field: "name", direction: "asc" as const } };
    const personal = await as("VIEWER").contacts.viewSave({ name: "My customers", config });
    expect(personal.mine).toBe(true);
    expect(await outcome(as("VIEWER").contacts.viewSave({ name: "For all", shared: true, config }))).toBe("FORBIDDEN");
    const shared = await as("ADMIN").contacts.viewSave({ name: "Team customers", shared: true, config });
    const viewerViews = await as("VIEWER").contacts.viewList();
    expect(viewerViews.map((v) => v.name).sort()).toEqual(["My customers", "Team customers"]);
    const adminViews = await as("ADMIN").contacts.viewList();
    expect(adminViews.map((v) => v.name)).toEqual(["Team customers"]);
    expect(await outcome(as("ADMIN").contacts.viewDelete({ viewIds: [personal.id] }))).toBe("NOT_FOUND");
    expect(await outcome(as("VIEWER").contacts.viewDelete({ viewIds: [shared.id] }))).toBe("FORBIDDEN");
    const renamed = await as("VIEWER").contacts.viewSave({ viewId: personal.id, name: "Customers A–Z", config });
    expect(renamed.config).toEqual(config);
    await as("VIEWER").contacts.viewDelete({ viewIds: [personal.id] });
    expect((await as("VIEWER").contacts.viewList()).map((v) => v.name)).toEqual(["Team customers"]);
    expect(await as("VIEWER").companies.viewList()).toEqual([]);
  });
});
