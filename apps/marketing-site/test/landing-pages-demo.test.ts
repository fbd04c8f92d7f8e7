import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "../../../packages/db/src/system";
import { createTenant, deleteTenant, type Tenant } from "../../../packages/api/test/fixtures";
import { DEMO_PAGE_FORM_SLUG, seedPagesDemo } from "../../../packages/api/src/services/demo/pages-demo";
import { GET } from "../src/app/p/[orgSlug]/[pageSlug]/route";

/** The landing-page demo: branding and three published pages, idempotent, served by the public route (the demo form shows once it exists). */
let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant("lp-demo");
});
afterAll(async () => {
  await deleteTenant(tenant);
});
const get = (pageSlug: string) => GET(new Request(`http://localhost:3001/p/${tenant.slug}/${pageSlug}`), { params: Promise.resolve({ orgSlug: tenant.slug, pageSlug }) });

describe("seedPagesDemo", () => {
  it("publishes three branded pages once; their Form blocks name the demo form and render it once it exists", async () => {
    const lines: string[] = [];
    await seedPagesDemo({ organizationSlug: tenant.slug, log: (l) => lines.push(l) });
    await seedPagesDemo({ organizationSlug: tenant.slug, log: (l) => lines.push(l) });
    expect(lines[1]).toMatch(/^pages demo: 0 published/);
    const pages = await systemDb().landingPage.findMany({ where: { organizationId: tenant.id }, orderBy: { slug: "asc" } });
    expect(pages.map((p) => [p.slug, p.status])).toEqual([
      ["holiday-preorders", "PUBLISHED"],
      ["private-events", "PUBLISHED"],
      ["wholesale", "PUBLISHED"],
    ]);
    const org = await systemDb().organization.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(org.branding).toMatchObject({ primaryColor: "#9a3412" });
    const before = await get("holiday-preorders");
    expect(before.status).toBe(200);
    const html = await before.text();
    expect(html).toContain("--mg-primary:#9a3412");
    // No lead form yet (the consent banner is a form of its own).
    expect(html).not.toMatch(/<form [^>]*action="\/f\/submit/);
    await systemDb().leadForm.create({ data: { organizationId: tenant.id, name: "Pre-orders", slug: DEMO_PAGE_FORM_SLUG, definition: { submitLabel: "Reserve", steps: [{ fields: [{ id: "email", kind: "email", label: "Email", required: true, mapsTo: { kind: "contact", field: "email" } }] }] } } });
    for (const slug of ["holiday-preorders", "private-events", "wholesale"]) {
      const res = await get(slug);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(new RegExp(`<form [^>]*action="/f/submit\\?page=`));
    }
  });
});
