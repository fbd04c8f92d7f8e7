import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, withOrg } from "@mg/db";
import { createTenant, deleteTenant, type Tenant } from "../../fixtures";
import { LIFECYCLE_STAGES } from "../../../src/schemas/crm/contacts";
import { LIFECYCLE_RANK } from "../../../src/services/crm/segments/compile";

// Segment conditions on the stage compare contacts.lifecycle_rank, which PostgreSQL computes from
// the stage (GENERATED ALWAYS, mg_lifecycle_rank): the compiler's numbers must be the database's,
// for every stage, also after a stage changes — and nobody can write the rank.

let tenant: Tenant;

beforeAll(async () => {
  tenant = await createTenant("lifecycle-rank");
});

afterAll(async () => {
  await deleteTenant(tenant);
});

describe("contacts.lifecycle_rank", () => {
  it("is LIFECYCLE_RANK for every stage, as created and after a change of stage", async () => {
    const ranks = await withOrg(tenant.id, async (db) => {
      const made = [];
      for (const stage of LIFECYCLE_STAGES) made.push(await db.contact.create({ data: { organizationId: tenant.id, firstName: stage, lifecycleStage: stage } }));
      const read = () =>
        db.$queryRaw<{ stage: string; rank: number }[]>(Prisma.sql`SELECT lifecycle_stage::text AS stage, lifecycle_rank AS rank FROM contacts WHERE organization_id = ${tenant.id}::uuid ORDER BY rank`);
      const created = await read();
      // Every contact moves one stage on (the last back to the first).
      for (const [i, contact] of made.entries()) {
        await db.contact.update({ where: { organizationId_id: { organizationId: tenant.id, id: contact.id } }, data: { lifecycleStage: LIFECYCLE_STAGES[(i + 1) % LIFECYCLE_STAGES.length] } });
      }
      return { created, changed: await read() };
    });
    const expected = LIFECYCLE_STAGES.map((stage) => ({ stage, rank: LIFECYCLE_RANK[stage] })).sort((a, b) => a.rank - b.rank);
    expect(ranks.created).toEqual(expected);
    expect(ranks.changed).toEqual(expected);
    expect(new Set(Object.values(LIFECYCLE_RANK)).size).toBe(LIFECYCLE_STAGES.length);
  });

  it("cannot be written: PostgreSQL computes it", async () => {
    await expect(
      withOrg(tenant.id, (db) =>
        db.$executeRaw(Prisma.sql`INSERT INTO contacts (id, organization_id, lifecycle_stage, lifecycle_rank, updated_at) VALUES (gen_random_uuid(), ${tenant.id}::uuid, 'LEAD', 5, now())`),
      ),
    ).rejects.toThrow(/428C9|non-DEFAULT value into column "lifecycle_rank"/);
  });
});
