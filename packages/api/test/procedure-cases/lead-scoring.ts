import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { ProcedureCase } from "../procedure-cases";
import type { Tenant } from "../fixtures";
import { freshContact } from "./crm-records";

/** Lead scoring fixtures, made through the system path (test setup). */
type Org = Tenant | { id: string };

export async function freshScore(tenant: Org, data: { isPrimary?: boolean } = {}): Promise<string> {
  const key = `s-${randomUUID().slice(0, 8)}`;
  const score = await systemDb().leadScore.create({ data: { organizationId: tenant.id, key, label: `Score ${key}`, isPrimary: data.isPrimary ?? false } });
  return score.id;
}

export async function freshRule(tenant: Org, kind: "FACT" | "BEHAVIOUR" = "BEHAVIOUR"): Promise<string> {
  const scoreId = await freshScore(tenant);
  const rule = await systemDb().scoreRule.create({
    data: {
      organizationId: tenant.id,
      scoreId,
      name: `Rule ${randomUUID().slice(0, 8)}`,
      kind,
      event: kind === "BEHAVIOUR" ? "form_submitted" : null,
      condition: kind === "BEHAVIOUR" ? {} : { kind: "has_company", value: true },
      points: 5,
    },
  });
  return rule.id;
}

const asUnknown = (reason: string) => ({ kind: "as-unknown-id" as const, reason });

export const LEAD_SCORING_PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "scoring.scores": { valid: () => undefined },
  "scoring.scoreCreate": { valid: () => ({ label: `Fit ${randomUUID().slice(0, 6)}`, thresholds: [{ atLeast: 50, lifecycleStage: "MARKETING_QUALIFIED", notifyOwner: true, assignRoundRobin: false }] }) },
  "scoring.scoreUpdate": {
    valid: async (t) => ({ scoreId: await freshScore(t), label: "Renamed" }),
    foreign: async (_self, other) => ({ scoreId: await freshScore(other), label: "Renamed" }),
  },
  "scoring.scoreDelete": {
    valid: async (t) => ({ scoreId: await freshScore(t) }),
    foreign: async (_self, other) => ({ scoreId: await freshScore(other) }),
  },
  "scoring.rules": {
    valid: () => ({ includeArchived: true }),
    foreign: async (_self, other) => ({ scoreId: await freshScore(other) }),
    foreignAnswer: asUnknown("A score id filters the rules: another organization's score matches no rule here, like an id that exists nowhere (an empty list)."),
  },
  "scoring.ruleCreate": {
    valid: async (t) => ({ scoreId: await freshScore(t), name: "Submitted a form", definition: { kind: "BEHAVIOUR", event: "form_submitted", filter: {} }, points: 10, halfLifeDays: 30, cap: 50 }),
    foreign: async (_self, other) => ({ scoreId: await freshScore(other), name: "Has a company", definition: { kind: "FACT", condition: { kind: "has_company", value: true } }, points: 10 }),
  },
  "scoring.ruleUpdate": {
    valid: async (t) => ({ ruleId: await freshRule(t, "FACT"), points: 15 }),
    foreign: async (_self, other) => ({ ruleId: await freshRule(other), points: 15 }),
  },
  "scoring.ruleArchive": {
    valid: async (t) => ({ ruleId: await freshRule(t) }),
    foreign: async (_self, other) => ({ ruleId: await freshRule(other) }),
  },
  "scoring.contactExplanation": {
    valid: async (t) => ({ contactId: await freshContact(t) }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other) }),
    foreignAlso: {
      scoreId: async (self, other) => ({ contactId: await freshContact(self), scoreId: await freshScore(other) }),
    },
  },
  "scoring.contactPrediction": {
    valid: async (t) => ({ contactId: await freshContact(t) }),
    foreign: async (_self, other) => ({ contactId: await freshContact(other) }),
  },
  "scoring.modelStatus": { valid: () => undefined },
  "scoring.recompute": { valid: () => undefined },
  "scoring.recomputeStatus": {
    valid: () => ({}),
    foreign: async (_self, other) => ({ recomputeId: (await systemDb().scoreRecompute.create({ data: { organizationId: other.id, status: "DONE" } })).id }),
    foreignAnswer: asUnknown("A run id names one run: another organization's run is answered null, exactly like a run id that exists nowhere."),
  },
};
