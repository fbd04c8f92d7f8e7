import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { resolveOrgAccess } from "../../src/tenancy/resolve-access";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

// resolveOrgAccess is one hand-written statement on every request into an organization: these
// prove it decides exactly what the rules say (docs/tenancy.md rules 5 and 6) and returns the
// organization exactly as Prisma reads it.
let tenant: Tenant;
let business: { id: string; slug: string };
let directInClient: { id: string };

beforeAll(async () => {
  tenant = await createTenant("resolve-access");
  const tag = randomUUID().slice(0, 8);
  // Every column away from its default, so a column the statement misses or mistypes shows.
  await systemDb().organization.update({
    where: { id: tenant.clientId },
    data: {
      trialEndsAt: new Date("2027-01-15T10:30:00.123Z"),
      limitOverrides: { users: 12 },
      featureFlags: { whiteLabel: true },
      branding: { primaryColor: "#123456", productName: "Kiln" },
      timezone: "Europe/Paris",
      country: "FR",
      industry: "bakery",
      dataResidency: "EU",
      provisionedAt: new Date("2026-11-30T08:00:00.000Z"),
    },
  });
  business = await systemDb().organization.create({ data: { name: `Business ${tag}`, slug: `business-${tag}`, status: "ACTIVE" } });
  // The agency's viewer is also a direct content manager of the client: the direct role wins.
  directInClient = tenant.users.VIEWER;
  await systemDb().membership.create({ data: { organizationId: tenant.clientId, userId: directInClient.id, role: "CONTENT_MANAGER" } });
});

afterAll(async () => {
  await systemDb().organization.delete({ where: { id: business.id } });
  await deleteTenant(tenant);
});

describe("resolving the organization and the caller's role from the URL", () => {
  it("returns the organization exactly as Prisma reads it (every column, its type)", async () => {
    const access = await resolveOrgAccess(tenant.users.OWNER.id, tenant.clientSlug);
    const expected = await systemDb().organization.findUniqueOrThrow({ where: { slug: tenant.clientSlug } });
    expect(access?.organization).toStrictEqual(expected);
    const agency = await resolveOrgAccess(tenant.users.OWNER.id, tenant.slug);
    expect(agency?.organization).toStrictEqual(await systemDb().organization.findUniqueOrThrow({ where: { slug: tenant.slug } }));
  });

  it("a direct member gets their role; an agency member inherits the agency role in its client, with the agency named", async () => {
    expect(await resolveOrgAccess(tenant.users.ADMIN.id, tenant.slug)).toMatchObject({ role: "ADMIN", via: "direct", parent: null });
    expect(await resolveOrgAccess(tenant.users.ADMIN.id, tenant.clientSlug)).toMatchObject({
      role: "ADMIN",
      via: "agency",
      parent: { name: tenant.name, slug: tenant.slug },
    });
  });

  it("a direct membership in the client overrides the inherited agency role", async () => {
    expect(await resolveOrgAccess(directInClient.id, tenant.clientSlug)).toMatchObject({ role: "CONTENT_MANAGER", via: "direct", parent: { slug: tenant.slug } });
    expect(await resolveOrgAccess(directInClient.id, tenant.slug)).toMatchObject({ role: "VIEWER", via: "direct" });
  });

  it("outsiders, unknown slugs, deleted organizations and non-uuid user ids resolve to nothing", async () => {
    expect(await resolveOrgAccess(tenant.users.OWNER.id, business.slug)).toBeNull();
    expect(await resolveOrgAccess(tenant.users.OWNER.id, `nowhere-${randomUUID()}`)).toBeNull();
    expect(await resolveOrgAccess("not-a-uuid", tenant.slug)).toBeNull();
    expect(await resolveOrgAccess(randomUUID(), tenant.slug)).toBeNull();
    await systemDb().organization.update({ where: { id: business.id }, data: { deletedAt: new Date() } });
    const owner = await systemDb().user.create({ data: { email: `owner-${randomUUID()}@test.local`, name: "Owner" } });
    try {
      await systemDb().membership.create({ data: { organizationId: business.id, userId: owner.id, role: "OWNER" } });
      expect(await resolveOrgAccess(owner.id, business.slug)).toBeNull();
    } finally {
      await systemDb().user.delete({ where: { id: owner.id } });
      await systemDb().organization.update({ where: { id: business.id }, data: { deletedAt: null } });
    }
  });

  it("an outsider calling a procedure gets NOT_FOUND, the same as for a slug that does not exist", async () => {
    const outsider = tenant.users.OWNER;
    expect(await outcome(callerFor(outsider, business.slug).organization.current())).toBe("NOT_FOUND");
    expect(await outcome(callerFor(outsider, `nowhere-${randomUUID()}`).organization.current())).toBe("NOT_FOUND");
  });
});
