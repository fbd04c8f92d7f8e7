import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { flagExactDuplicates } from "../../../src/services/crm/duplicates/exact";
import { seedContact } from "../import/helpers";

// Exact duplicates on write (duplicates/exact.ts): every live contact sharing a written contact's
// phone is paired with it, once, in (least, greatest) order; tombstones and deleted contacts are
// not; contacts that were not written are not paired with each other; another tenant's contact
// with the same phone is never seen; a pair already queued is left as it is.

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  tenant = await createTenant("exact-duplicates");
  other = await createTenant("exact-duplicates-other");
});

afterAll(async () => {
  await deleteTenant(tenant);
  await deleteTenant(other);
});

const pair = (a: string, b: string) => (a < b ? [a, b] : [b, a]).join(" ");

describe("flagExactDuplicates", () => {
  it("pairs each written contact with every live contact of its phone, and nothing else", async () => {
    const phone = "+447911000111";
    const [old1, old2, written, deleted, merged, lonely] = [
      await seedContact(tenant, { firstName: "Old1", phone }),
      await seedContact(tenant, { firstName: "Old2", phone }),
      await seedContact(tenant, { firstName: "New", phone }),
      await seedContact(tenant, { firstName: "Gone", phone }),
      await seedContact(tenant, { firstName: "Merged", phone }),
      await seedContact(tenant, { firstName: "Lonely", phone: "+447911000999" }),
    ];
    await seedContact(other, { firstName: "Elsewhere", phone });
    await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: deleted as string } }, data: { deletedAt: new Date() } });
    await systemDb().contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: merged as string } }, data: { mergedIntoId: old1 as string } });

    const flag = () =>
      withOrg(tenant.id, (db) =>
        flagExactDuplicates(db, tenant.id, [
          { id: written as string, phone },
          { id: lonely as string, phone: "+447911000999" },
          { id: old2 as string, phone: null },
        ]),
      );
    expect(await flag()).toBe(2);
    const pairs = await systemDb().duplicateCandidate.findMany({ where: { organizationId: tenant.id } });
    expect(pairs.map((p) => `${p.recordAId} ${p.recordBId}`).sort()).toEqual([pair(written as string, old1 as string), pair(written as string, old2 as string)].sort());
    expect(pairs.every((p) => p.recordAId < p.recordBId && p.reasons.join() === "same phone" && p.status === "OPEN")).toBe(true);
    // Again: nothing new (the pairs are queued already).
    expect(await flag()).toBe(0);
    expect(await systemDb().duplicateCandidate.count({ where: { organizationId: other.id } })).toBe(0);
  });
});
