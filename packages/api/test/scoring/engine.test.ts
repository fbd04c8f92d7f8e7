import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { mergeContacts } from "../../src/services/crm/merge/merge-contacts";
import { undoMerge } from "../../src/services/crm/merge/undo-merge";
import { rescoreFacts, scoreBehaviour } from "../../src/services/scoring/behaviour";
import { decayOrganization, remainingAfter } from "../../src/services/scoring/decay";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";

/**
 * The rule engine against the real database: idempotent entries, caps with their reason, facts
 * that give once and take back, decay entries, merges — and after each, every contact's total
 * equals the sum of its ledger (Mautic #5369) and the primary score is contacts.score.
 */
let t: Tenant;
let fit: string;
let engagement: string;
const DAY = 86_400_000;

async function contact(data: { email?: string; companyId?: string; lifecycleStage?: "LEAD" | "CUSTOMER"; ownerUserId?: string | null; createdAt?: Date } = {}): Promise<string> {
  const c = await systemDb().contact.create({
    data: { organizationId: t.id, firstName: "Sam", lastName: randomUUID().slice(0, 6), primaryEmail: data.email ?? null, companyId: data.companyId ?? null, lifecycleStage: data.lifecycleStage ?? "LEAD", ownerUserId: data.ownerUserId ?? null, ...(data.createdAt ? { createdAt: data.createdAt } : {}) },
  });
  return c.id;
}

async function rule(scoreId: string, data: { kind: "FACT" | "BEHAVIOUR"; event?: string; condition?: object; points: number; cap?: number; halfLifeDays?: number }): Promise<string> {
  const r = await systemDb().scoreRule.create({
    data: { organizationId: t.id, scoreId, name: `Rule ${randomUUID().slice(0, 6)}`, kind: data.kind, event: data.event ?? null, condition: data.condition ?? {}, points: data.points, cap: data.cap ?? null, halfLifeDays: data.halfLifeDays ?? null },
  });
  return r.id;
}

/** Every contact of the tenant: total == sum(ledger) per score, and contacts.score == the primary total. */
async function expectLedgerAgrees(): Promise<void> {
  const rows = await systemDb().$queryRaw<{ contact_id: string; score_id: string; total: number; sum: number }[]>`
    SELECT cs.contact_id, cs.score_id, cs.total, coalesce((SELECT sum(points) FROM score_ledger l WHERE l.organization_id = cs.organization_id AND l.contact_id = cs.contact_id AND l.score_id = cs.score_id), 0)::int AS sum
    FROM contact_scores cs WHERE cs.organization_id = ${t.id}::uuid`;
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.total, `total of ${r.contact_id}`).toBe(r.sum);
  const orphans = await systemDb().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT contact_id, score_id FROM score_ledger WHERE organization_id = ${t.id}::uuid GROUP BY 1, 2) l
    WHERE NOT EXISTS (SELECT 1 FROM contact_scores cs WHERE cs.organization_id = ${t.id}::uuid AND cs.contact_id = l.contact_id AND cs.score_id = l.score_id)`;
  expect(orphans[0]?.n).toBe(0);
  const mirrored = await systemDb().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM contacts c JOIN contact_scores cs ON cs.organization_id = c.organization_id AND cs.contact_id = c.id AND cs.score_id = ${fit}::uuid
    WHERE c.organization_id = ${t.id}::uuid AND c.score <> cs.total`;
  expect(mirrored[0]?.n).toBe(0);
}

const totalOf = async (contactId: string, scoreId: string) => (await systemDb().contactScore.findFirst({ where: { organizationId: t.id, contactId, scoreId } }))?.total ?? 0;
const submit = (contactId: string, submissionId: string, formId?: string) =>
  withOrg(t.id, (db) => scoreBehaviour(db, t.id, { contactId, event: "form_submitted", subject: formId ? { formId } : {}, sourceKey: `submission:${submissionId}`, occurredAt: new Date() }));

beforeAll(async () => {
  t = await createTenant("scoring");
  fit = (await systemDb().leadScore.create({ data: { organizationId: t.id, key: "fit", label: "Fit", isPrimary: true } })).id;
  engagement = (await systemDb().leadScore.create({ data: { organizationId: t.id, key: "engagement", label: "Engagement", position: 1 } })).id;
});
afterAll(async () => deleteTenant(t));

describe("behaviour rules", () => {
  it("a retry counts nothing twice, a second submission counts again, the cap gives the remainder and says why", async () => {
    const formId = randomUUID();
    await rule(engagement, { kind: "BEHAVIOUR", event: "form_submitted", points: 10, cap: 25 });
    const filtered = await rule(engagement, { kind: "BEHAVIOUR", event: "form_submitted", condition: { formId }, points: 3 });
    const c = await contact();
    const s1 = randomUUID();
    await submit(c, s1);
    await submit(c, s1); // the job retried
    expect(await totalOf(c, engagement)).toBe(10);
    await submit(c, randomUUID());
    await submit(c, randomUUID(), formId);
    const entries = await systemDb().scoreLedger.findMany({ where: { organizationId: t.id, contactId: c }, orderBy: { occurredAt: "asc" } });
    // 10 + 10 + 5 (capped) + 3 (the form filter matched only the last one).
    expect(await totalOf(c, engagement)).toBe(28);
    expect(entries.filter((e) => e.ruleId === filtered)).toHaveLength(1);
    expect(entries.some((e) => e.points === 5 && e.reason.includes("cap of 25"))).toBe(true);
    await submit(c, randomUUID());
    const capped = await systemDb().scoreLedger.findFirst({ where: { organizationId: t.id, contactId: c, points: 0 } });
    expect(capped?.reason).toContain("cap of 25 reached");
    expect(await totalOf(c, engagement)).toBe(28);
    await expectLedgerAgrees();
  });
});

describe("fact rules", () => {
  it("give their points once while true and take them back when no longer true; the primary score is contacts.score", async () => {
    const company = await systemDb().company.create({ data: { organizationId: t.id, name: "Acme", size: "201-1000", country: "DE" } });
    const big = await rule(fit, { kind: "FACT", condition: { kind: "company_size", op: "in", values: ["201-1000", "1000+"] }, points: 20 });
    await rule(fit, { kind: "FACT", condition: { kind: "email_domain", op: "business", values: [] }, points: 5 });
    await rule(fit, { kind: "FACT", condition: { kind: "country", op: "in", values: ["DE"] }, points: 7 });
    const c = await contact({ email: "ana@acme.example", companyId: company.id });
    await withOrg(t.id, (db) => rescoreFacts(db, t.id, c));
    await withOrg(t.id, (db) => rescoreFacts(db, t.id, c));
    expect(await totalOf(c, fit)).toBe(32);
    expect((await systemDb().contact.findUniqueOrThrow({ where: { organizationId_id: { organizationId: t.id, id: c } } })).score).toBe(32);
    await systemDb().contact.update({ where: { organizationId_id: { organizationId: t.id, id: c } }, data: { primaryEmail: "ana@gmail.com" } });
    await withOrg(t.id, (db) => rescoreFacts(db, t.id, c));
    expect(await totalOf(c, fit)).toBe(27);
    await systemDb().scoreRule.update({ where: { organizationId_id: { organizationId: t.id, id: big } }, data: { archivedAt: new Date() } });
    await withOrg(t.id, (db) => rescoreFacts(db, t.id, c));
    expect(await totalOf(c, fit)).toBe(7);
    const reasons = (await systemDb().scoreLedger.findMany({ where: { organizationId: t.id, contactId: c }, select: { reason: true } })).map((r) => r.reason);
    expect(reasons.some((r) => r.startsWith("No longer true: Business email"))).toBe(true);
    expect(reasons.some((r) => r.includes("paused or archived"))).toBe(true);
    await expectLedgerAgrees();
  });

  it("updateContact through the API rescores facts in its own transaction", async () => {
    const { callerFor } = await import("../fixtures");
    const c = await contact();
    await callerFor(t.users.OWNER, t.slug).contacts.update({ contactId: c, emails: ["kim@northwind-partner.example"] });
    // The business-email rule (+5) holds now; the country rule does not (no phone, no company).
    expect(await totalOf(c, fit)).toBe(5);
    await expectLedgerAgrees();
  });
});

describe("decay", () => {
  it("writes integer decay entries keyed by day; a second run the same day writes nothing; the total stays the ledger's sum", async () => {
    const decaying = await rule(engagement, { kind: "BEHAVIOUR", event: "page_visited", points: 40, halfLifeDays: 10 });
    const c = await contact();
    const occurredAt = new Date(Date.parse("2026-11-01T09:00:00.000Z"));
    await withOrg(t.id, (db) => scoreBehaviour(db, t.id, { contactId: c, event: "page_visited", sourceKey: `visit:${randomUUID()}`, occurredAt }));
    const before = await totalOf(c, engagement);
    const now = new Date("2026-11-11T10:00:00.000Z");
    expect(await decayOrganization(t.id, now)).toBeGreaterThan(0);
    expect(await decayOrganization(t.id, now)).toBe(0);
    const decays = await systemDb().scoreLedger.findMany({ where: { organizationId: t.id, contactId: c, decayOfId: { not: null } } });
    expect(decays).toHaveLength(1);
    // Age 9 whole days at the start of 2026-11-11 → round(40 · ½^(9/10)) = 21.
    expect(decays[0]?.points).toBe(remainingAfter(40, 9, 10) - 40);
    expect(decays[0]?.sourceKey).toMatch(/^decay:[0-9a-f-]+:2026-11-11$/);
    expect(decays[0]?.ruleId).toBe(decaying);
    expect(await totalOf(c, engagement)).toBe(before + (decays[0]?.points ?? 0));
    // Far later: decays to 0 and stops there.
    await decayOrganization(t.id, new Date("2027-11-11T10:00:00.000Z"));
    await decayOrganization(t.id, new Date("2027-11-12T10:00:00.000Z"));
    expect(await totalOf(c, engagement)).toBe(before - 40);
    await expectLedgerAgrees();
  });
});

describe("thresholds", () => {
  it("crossing upward moves the stage forward only, assigns by round robin, notifies the owner and lands on the timeline", async () => {
    const key = `q-${randomUUID().slice(0, 6)}`;
    const q = await systemDb().leadScore.create({
      data: { organizationId: t.id, key, label: "Qualify", position: 5, thresholds: [{ atLeast: 10, lifecycleStage: "MARKETING_QUALIFIED", notifyOwner: true, assignRoundRobin: true }] },
    });
    await systemDb().leadCaptureSettings.upsert({
      where: { organizationId: t.id },
      create: { organizationId: t.id, roundRobinUserIds: [t.users.CONTENT_MANAGER.id, t.users.ADMIN.id] },
      update: { roundRobinUserIds: [t.users.CONTENT_MANAGER.id, t.users.ADMIN.id], roundRobinCursor: 0 },
    });
    await rule(q.id, { kind: "BEHAVIOUR", event: "link_clicked", points: 10 });
    const lead = await contact();
    const lead2 = await contact();
    const customer = await contact({ lifecycleStage: "CUSTOMER", ownerUserId: t.users.OWNER.id });
    for (const c of [lead, lead2, customer]) await withOrg(t.id, (db) => scoreBehaviour(db, t.id, { contactId: c, event: "link_clicked", sourceKey: `click:${randomUUID()}`, occurredAt: new Date() }));
    const rows = await systemDb().contact.findMany({ where: { organizationId: t.id, id: { in: [lead, lead2, customer] } }, select: { id: true, lifecycleStage: true, ownerUserId: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(lead)?.lifecycleStage).toBe("MARKETING_QUALIFIED");
    expect(byId.get(customer)?.lifecycleStage).toBe("CUSTOMER");
    expect(byId.get(customer)?.ownerUserId).toBe(t.users.OWNER.id);
    expect(new Set([byId.get(lead)?.ownerUserId, byId.get(lead2)?.ownerUserId])).toEqual(new Set([t.users.CONTENT_MANAGER.id, t.users.ADMIN.id]));
    expect(await systemDb().alert.count({ where: { organizationId: t.id, kind: "LEAD_QUALIFIED" } })).toBe(3);
    expect(await systemDb().eventOutbox.count({ where: { organizationId: t.id, name: "scoring/lead.qualified" } })).toBe(3);
    const timeline = await systemDb().activity.findMany({ where: { organizationId: t.id, contactId: lead, kind: "FIELD_CHANGED" }, select: { payload: true, actorLabel: true } });
    expect(timeline.map((a) => (a.payload as { field: string }).field)).toEqual(expect.arrayContaining(["Qualify score", "Lifecycle stage", "Owner"]));
    expect(timeline.every((a) => a.actorLabel === "Lead scoring: Qualify")).toBe(true);
    await systemDb().eventOutbox.deleteMany({ where: { organizationId: t.id } });
  });
});

describe("merge", () => {
  it("re-points the ledger to the survivor, recomputes totals, rescores duplicated facts, and undo puts it back", async () => {
    const older = await contact({ email: "dup1@gmail.com", createdAt: new Date(Date.now() - 2 * DAY) });
    const newer = await contact({ email: "dup2@gmail.com" });
    for (const c of [older, newer]) await submit(c, randomUUID());
    const before = { older: await totalOf(older, engagement), newer: await totalOf(newer, engagement) };
    const { mergeId } = await withOrg(t.id, (db) => mergeContacts(db, t.id, { contactIds: [older, newer], actorUserId: null }));
    expect(await systemDb().scoreLedger.count({ where: { organizationId: t.id, contactId: newer } })).toBe(0);
    expect(await totalOf(older, engagement)).toBe(before.older + before.newer);
    expect(await totalOf(newer, engagement)).toBe(0);
    await expectLedgerAgrees();
    await withOrg(t.id, (db) => undoMerge(db, t.id, mergeId, null));
    expect(await totalOf(older, engagement)).toBe(before.older);
    expect(await totalOf(newer, engagement)).toBe(before.newer);
    await expectLedgerAgrees();
  });
});
