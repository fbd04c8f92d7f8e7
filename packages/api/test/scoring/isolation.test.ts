import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { seedScoringDemo } from "../../src/services/demo/scoring-demo";
import { rescoreFacts, scoreBehaviour } from "../../src/services/scoring/behaviour";
import { decayOrganization } from "../../src/services/scoring/decay";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";

/**
 * Scoring never crosses tenants (the engine runs in the caller's RLS transaction: another
 * organization's contact is simply not there), the ledger is append-only for the app role, and
 * the demo is scored by the engine itself — totals equal to the ledger, idempotent on a re-run.
 */
let a: Tenant;
let b: Tenant;

async function setup(t: Tenant) {
  const score = await systemDb().leadScore.create({ data: { organizationId: t.id, key: "fit", label: "Fit", isPrimary: true } });
  await systemDb().scoreRule.create({ data: { organizationId: t.id, scoreId: score.id, name: "Form", kind: "BEHAVIOUR", event: "form_submitted", points: 10, halfLifeDays: 1 } });
  await systemDb().scoreRule.create({ data: { organizationId: t.id, scoreId: score.id, name: "Anyone", kind: "FACT", condition: { kind: "has_company", value: false }, points: 5 } });
  const contact = await systemDb().contact.create({ data: { organizationId: t.id, firstName: "Iso" } });
  return { scoreId: score.id, contactId: contact.id };
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("score-iso-a"), createTenant("score-iso-b")]);
});
afterAll(async () => Promise.all([a, b].map(deleteTenant)));

describe("scoring isolation", () => {
  it("a scoring run in A with B's contact id writes nothing anywhere; decay of A leaves B alone", async () => {
    await setup(a);
    const inB = await setup(b);
    const old = new Date(Date.now() - 10 * 86_400_000);
    await withOrg(b.id, (db) => scoreBehaviour(db, b.id, { contactId: inB.contactId, event: "form_submitted", sourceKey: `submission:${randomUUID()}`, occurredAt: old }));
    const before = await systemDb().scoreLedger.count({ where: { organizationId: b.id } });
    const result = await withOrg(a.id, (db) => scoreBehaviour(db, a.id, { contactId: inB.contactId, event: "form_submitted", sourceKey: `submission:${randomUUID()}`, occurredAt: new Date() }));
    expect(result.entries).toBe(0);
    expect((await withOrg(a.id, (db) => rescoreFacts(db, a.id, inB.contactId))).entries).toBe(0);
    expect(await systemDb().scoreLedger.count({ where: { contactId: inB.contactId, organizationId: a.id } })).toBe(0);
    expect(await decayOrganization(a.id)).toBe(0);
    expect(await systemDb().scoreLedger.count({ where: { organizationId: b.id } })).toBe(before);
    expect(await decayOrganization(b.id)).toBe(1);
  });

  it("the ledger is append-only for the app role: no edit of points, no delete", async () => {
    const entry = await systemDb().scoreLedger.findFirstOrThrow({ where: { organizationId: b.id } });
    await expect(withOrg(b.id, (db) => db.$executeRaw`UPDATE score_ledger SET points = 1000 WHERE organization_id = ${b.id}::uuid AND id = ${entry.id}::uuid`)).rejects.toThrow();
    await expect(withOrg(b.id, (db) => db.$executeRaw`DELETE FROM score_ledger WHERE organization_id = ${b.id}::uuid AND id = ${entry.id}::uuid`)).rejects.toThrow();
    expect((await systemDb().scoreLedger.findUniqueOrThrow({ where: { organizationId_id: { organizationId: b.id, id: entry.id } } })).points).toBe(entry.points);
  });
});

describe("the demo", () => {
  it("is scored by the engine: Fit and Engagement, totals equal to the ledger, and a second run adds nothing", async () => {
    const demo = await createTenant("score-demo");
    try {
      const company = await systemDb().company.create({ data: { organizationId: demo.id, name: "Mill", size: "201-1000" } });
      for (let i = 0; i < 30; i++) {
        await systemDb().contact.create({ data: { organizationId: demo.id, firstName: `D${i}`, primaryEmail: i % 2 ? `d${i}@mill.example` : `d${i}@gmail.com`, jobTitle: i % 3 ? "Head chef" : null, companyId: i % 2 ? company.id : null, lifecycleStage: i % 4 === 0 ? "CUSTOMER" : "LEAD" } });
      }
      const first = await withOrg(demo.id, (db) => seedScoringDemo(db, { id: demo.id }), { timeout: 60_000 });
      expect(first.entries).toBeGreaterThan(30);
      expect(first.model).toBe("INSUFFICIENT_DATA");
      const scores = await systemDb().leadScore.findMany({ where: { organizationId: demo.id }, orderBy: { position: "asc" } });
      expect(scores.map((s) => [s.label, s.isPrimary])).toEqual([
        ["Fit", true],
        ["Engagement", false],
      ]);
      const mismatched = await systemDb().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM contact_scores cs
        WHERE cs.organization_id = ${demo.id}::uuid
          AND cs.total <> coalesce((SELECT sum(points) FROM score_ledger l WHERE l.organization_id = cs.organization_id AND l.contact_id = cs.contact_id AND l.score_id = cs.score_id), 0)`;
      expect(mismatched[0]?.n).toBe(0);
      const again = await withOrg(demo.id, (db) => seedScoringDemo(db, { id: demo.id }), { timeout: 60_000 });
      expect(again.entries).toBe(0);
    } finally {
      await deleteTenant(demo);
    }
  });
});
