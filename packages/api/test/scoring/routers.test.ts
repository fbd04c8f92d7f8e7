import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { settleLocalScoringRecomputes } from "@mg/jobs";
import { systemDb } from "@mg/db/system";
import { scoreBehaviour } from "../../src/services/scoring/behaviour";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";

/** The scoring procedures: who may do what, the explanation's paging and sum, recompute as a job. */
let t: Tenant;
const as = (role: keyof Tenant["users"]) => callerFor(t.users[role], t.slug);

beforeAll(async () => {
  t = await createTenant("scoring-api");
});
afterAll(async () => {
  await systemDb().eventOutbox.deleteMany({ where: { organizationId: t.id } });
  await deleteTenant(t);
});

async function waitForRecompute(recomputeId: string) {
  for (let i = 0; i < 50; i++) {
    await settleLocalScoringRecomputes();
    const run = await as("VIEWER").scoring.recomputeStatus({ recomputeId });
    if (run && run.status !== "RUNNING") return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("recompute did not finish");
}

describe("scoring procedures", () => {
  let scoreId: string;

  it("managers create scores and rules; readers read and are refused writes", async () => {
    const created = await as("ADMIN").scoring.scoreCreate({ label: "Fit", thresholds: [{ atLeast: 30, lifecycleStage: "MARKETING_QUALIFIED", notifyOwner: false, assignRoundRobin: false }] });
    scoreId = created.id;
    expect(await outcome(as("VIEWER").scoring.scoreCreate({ label: "Nope" }))).toBe("FORBIDDEN");
    expect(await outcome(as("ANALYST").scoring.ruleCreate({ scoreId, name: "x", definition: { kind: "BEHAVIOUR", event: "form_submitted", filter: {} }, points: 1 }))).toBe("FORBIDDEN");
    const scores = await as("VIEWER").scoring.scores();
    expect(scores).toEqual([expect.objectContaining({ id: scoreId, label: "Fit", isPrimary: true, thresholds: [expect.objectContaining({ atLeast: 30 })] })]);
  });

  it("refuses a fact rule with a half-life and a threshold list with duplicates", async () => {
    expect(await outcome(as("ADMIN").scoring.ruleCreate({ scoreId, name: "x", definition: { kind: "FACT", condition: { kind: "has_company", value: true } }, points: 5, halfLifeDays: 10 }))).toBe("BAD_REQUEST");
    expect(await outcome(as("ADMIN").scoring.scoreUpdate({ scoreId, thresholds: [{ atLeast: 5, notifyOwner: false, assignRoundRobin: false }, { atLeast: 5, notifyOwner: true, assignRoundRobin: false }] }))).toBe("BAD_REQUEST");
  });

  it("a new fact rule recomputes every contact as a job with progress", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await systemDb().contact.create({ data: { organizationId: t.id, firstName: `R${i}`, jobTitle: i < 2 ? "Head of Marketing" : "Intern" } })).id);
    const { rule, recomputeId } = await as("ADMIN").scoring.ruleCreate({ scoreId, name: "Senior title", definition: { kind: "FACT", condition: { kind: "job_title", op: "contains_any", values: ["head", "director"] } }, points: 35 });
    expect(rule.kind).toBe("FACT");
    expect(recomputeId).not.toBeNull();
    const run = await waitForRecompute(recomputeId ?? "");
    expect(run).toMatchObject({ status: "DONE", processed: 3, totalContacts: 3 });
    const contacts = await systemDb().contact.findMany({ where: { organizationId: t.id, id: { in: ids } }, orderBy: { firstName: "asc" }, select: { score: true, lifecycleStage: true } });
    expect(contacts.map((c) => c.score)).toEqual([35, 35, 0]);
    // 35 ≥ 30: the threshold moved the two leads forward.
    expect(contacts.map((c) => c.lifecycleStage)).toEqual(["MARKETING_QUALIFIED", "MARKETING_QUALIFIED", "LEAD"]);
    // Archived: the points are taken back by entries, in another recompute.
    const archived = await as("ADMIN").scoring.ruleArchive({ ruleId: rule.id });
    await waitForRecompute(archived.recomputeId ?? "");
    const after = await systemDb().contact.findMany({ where: { organizationId: t.id, id: { in: ids } }, select: { score: true, lifecycleStage: true } });
    expect(after.every((c) => c.score === 0)).toBe(true);
    // The stage never moves back.
    expect(after.filter((c) => c.lifecycleStage === "MARKETING_QUALIFIED")).toHaveLength(2);
  });

  it("explains a contact's score newest first, paged, and its entries sum to its total", async () => {
    const { rule } = await as("ADMIN").scoring.ruleCreate({ scoreId, name: "Form", definition: { kind: "BEHAVIOUR", event: "form_submitted", filter: {} }, points: 4, halfLifeDays: 60 });
    const c = (await systemDb().contact.create({ data: { organizationId: t.id, firstName: "Explained" } })).id;
    for (let i = 0; i < 5; i++) {
      await withOrg(t.id, (db) => scoreBehaviour(db, t.id, { contactId: c, event: "form_submitted", sourceKey: `submission:${randomUUID()}`, occurredAt: new Date(Date.now() - (5 - i) * 60_000) }));
    }
    const first = await as("VIEWER").scoring.contactExplanation({ contactId: c, limit: 2 });
    const fit = first.find((s) => s.scoreId === scoreId);
    expect(fit).toMatchObject({ total: 20, ledgerSum: 20, entryCount: 5 });
    expect(fit?.entries).toHaveLength(2);
    expect(fit?.entries[0]).toMatchObject({ points: 4, ruleName: "Form", kind: "BEHAVIOUR", reason: "Submitted a form" });
    const seen = [...(fit?.entries ?? [])];
    let cursor = fit?.nextCursor ?? undefined;
    while (cursor) {
      const page = await as("VIEWER").scoring.contactExplanation({ contactId: c, scoreId, cursor, limit: 2 });
      seen.push(...(page[0]?.entries ?? []));
      cursor = page[0]?.nextCursor ?? undefined;
    }
    expect(seen).toHaveLength(5);
    expect(seen.reduce((s, e) => s + e.points, 0)).toBe(20);
    const times = seen.map((e) => new Date(e.occurredAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(rule.halfLifeDays).toBe(60);
  });

  it("the explanation and prediction follow CRM visibility: own records only hides others' contacts", async () => {
    const mine = (await systemDb().contact.create({ data: { organizationId: t.id, firstName: "Mine", ownerUserId: t.users.CONTENT_EDITOR.id } })).id;
    const theirs = (await systemDb().contact.create({ data: { organizationId: t.id, firstName: "Theirs", ownerUserId: t.users.ADMIN.id } })).id;
    await systemDb().crmSettings.upsert({ where: { organizationId: t.id }, create: { organizationId: t.id, ownRecordsOnly: true }, update: { ownRecordsOnly: true } });
    try {
      expect(await outcome(as("CONTENT_EDITOR").scoring.contactExplanation({ contactId: mine }))).toBe("OK");
      expect(await outcome(as("CONTENT_EDITOR").scoring.contactExplanation({ contactId: theirs }))).toBe("NOT_FOUND");
      expect(await outcome(as("CONTENT_EDITOR").scoring.contactPrediction({ contactId: theirs }))).toBe("NOT_FOUND");
      expect(await outcome(as("ADMIN").scoring.contactExplanation({ contactId: mine }))).toBe("OK");
    } finally {
      await systemDb().crmSettings.update({ where: { organizationId: t.id }, data: { ownRecordsOnly: false } });
    }
  });

  it("model status says when nothing was trained yet", async () => {
    expect(await as("VIEWER").scoring.modelStatus()).toMatchObject({ status: "NOT_TRAINED", minConversions: 20 });
  });

  it("the primary score cannot be switched off, only replaced; deleting a score confirms nothing is left of it", async () => {
    expect(await outcome(as("ADMIN").scoring.scoreUpdate({ scoreId, isPrimary: false }))).toBe("BAD_REQUEST");
    const other = await as("ADMIN").scoring.scoreCreate({ label: "Engagement" });
    await as("ADMIN").scoring.scoreUpdate({ scoreId: other.id, isPrimary: true });
    const scores = await as("VIEWER").scoring.scores();
    expect(scores.filter((s) => s.isPrimary).map((s) => s.id)).toEqual([other.id]);
    await as("ADMIN").scoring.scoreDelete({ scoreId });
    expect(await systemDb().scoreLedger.count({ where: { organizationId: t.id, scoreId } })).toBe(0);
    expect(await systemDb().contactScore.count({ where: { organizationId: t.id, scoreId } })).toBe(0);
  });
});
