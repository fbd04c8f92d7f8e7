import type { TenantDb } from "@mg/db";
import { recordActivities, type ActivityInput } from "../crm/timeline";
import { rescoreFactsMany, scoreBehaviour } from "../scoring/behaviour";
import { loadSetup } from "../scoring/rules";
import { trainModel } from "../scoring/model/train";

/**
 * Northwind's lead scoring: a "Fit" score (primary, mirrored into contacts.score) and an
 * "Engagement" score with a handful of rules, then every demo contact scored by the real engine —
 * fact rules through rescoreFacts, landing-page visits and form submissions (also written to the
 * timeline) through scoreBehaviour — and the conversion model trained on the demo's customers.
 * Idempotent: a second run finds the scores and only re-applies what is missing (same keys).
 */
const DAY = 86_400_000;

/** A small deterministic generator: the same demo every time. */
function generator(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function ensureSetup(db: TenantDb, organizationId: string): Promise<{ created: boolean }> {
  if ((await db.leadScore.count()) > 0) return { created: false };
  const fit = await db.leadScore.create({
    data: { organizationId, key: "fit", label: "Fit", isPrimary: true, position: 0, thresholds: [{ atLeast: 40, lifecycleStage: "MARKETING_QUALIFIED", notifyOwner: false, assignRoundRobin: false }] },
  });
  const engagement = await db.leadScore.create({
    data: { organizationId, key: "engagement", label: "Engagement", position: 1, thresholds: [{ atLeast: 30, lifecycleStage: null, notifyOwner: true, assignRoundRobin: false }] },
  });
  const rule = (scoreId: string, name: string, kind: "FACT" | "BEHAVIOUR", condition: object, points: number, extra: { event?: string; halfLifeDays?: number; cap?: number } = {}) => ({
    organizationId,
    scoreId,
    name,
    kind,
    condition,
    points,
    event: extra.event ?? null,
    halfLifeDays: extra.halfLifeDays ?? null,
    cap: extra.cap ?? null,
  });
  await db.scoreRule.createMany({
    data: [
      rule(fit.id, "Works at a company of 51+ people", "FACT", { kind: "company_size", op: "in", values: ["51-200", "201-1000", "1000+"] }, 20),
      rule(fit.id, "Business email address", "FACT", { kind: "email_domain", op: "business", values: [] }, 10),
      rule(fit.id, "Decision maker", "FACT", { kind: "job_title", op: "contains_any", values: ["owner", "head", "director", "manager", "chef"] }, 15),
      rule(fit.id, "In the DACH region", "FACT", { kind: "country", op: "in", values: ["DE", "AT", "CH"] }, 5),
      rule(engagement.id, "Submitted a form", "BEHAVIOUR", {}, 15, { event: "form_submitted", halfLifeDays: 60, cap: 45 }),
      rule(engagement.id, "Visited a landing page", "BEHAVIOUR", {}, 3, { event: "page_visited", halfLifeDays: 30, cap: 30 }),
      rule(engagement.id, "Clicked a tracked link", "BEHAVIOUR", {}, 5, { event: "link_clicked", halfLifeDays: 30 }),
    ],
  });
  return { created: true };
}

export async function seedScoringDemo(db: TenantDb, org: { id: string }, now: Date = new Date()): Promise<{ contacts: number; entries: number; model: string }> {
  const { created } = await ensureSetup(db, org.id);
  const contacts = await db.contact.findMany({ where: { deletedAt: null, mergedIntoId: null }, orderBy: { createdAt: "asc" }, select: { id: true, lifecycleStage: true, createdAt: true } });
  const setup = await loadSetup(db);
  const facts = await rescoreFactsMany(db, org.id, contacts.map((c) => c.id), setup);
  let entries = facts.entries;
  const random = generator(2026);
  const visits: ActivityInput<"PAGE_VISITED" | "FORM_SUBMITTED">[] = [];
  for (const c of contacts) {
    // Customers and late-stage contacts engaged more: what the model is meant to find.
    const keen = c.lifecycleStage === "CUSTOMER" || c.lifecycleStage === "OPPORTUNITY" || c.lifecycleStage === "SALES_QUALIFIED";
    const pageCount = Math.floor(random() * (keen ? 6 : 3));
    const formCount = random() < (keen ? 0.7 : 0.25) ? 1 + Math.floor(random() * 2) : 0;
    const events: { event: "page_visited" | "form_submitted"; n: number }[] = [
      ...Array.from({ length: pageCount }, (_, n) => ({ event: "page_visited" as const, n })),
      ...Array.from({ length: formCount }, (_, n) => ({ event: "form_submitted" as const, n })),
    ];
    for (const e of events) {
      const occurredAt = new Date(Math.max(c.createdAt.getTime(), now.getTime() - Math.floor(random() * 90) * DAY));
      const result = await scoreBehaviour(db, org.id, { contactId: c.id, event: e.event, sourceKey: `demo:${e.event}:${c.id}:${e.n}`, occurredAt }, { setup });
      entries += result.entries;
      if (created) {
        visits.push(
          e.event === "page_visited"
            ? { kind: "PAGE_VISITED", contactId: c.id, occurredAt, actorLabel: "Landing page", payload: { url: "https://northwind.example/p/spring-menu", title: "Spring menu" } }
            : { kind: "FORM_SUBMITTED", contactId: c.id, occurredAt, actorLabel: "Form: Catering enquiry", payload: { formName: "Catering enquiry" } },
        );
      }
    }
  }
  await recordActivities(db, org.id, visits);
  const model = await trainModel(db, org.id, now);
  return { contacts: contacts.length, entries, model };
}
