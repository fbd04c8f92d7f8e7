import type { TenantDb } from "@mg/db";
import { behaviourFilter, factCondition, scoreThresholds, type BehaviourFilter, type FactCondition, type ScoreThreshold, type ScoredBehaviourName } from "../../schemas/scoring";

/**
 * The organization's scores and live rules, read back through the same schemas that wrote them:
 * a stored condition that no longer parses (a schema that changed since) makes its rule inert
 * rather than throwing in the middle of someone else's transaction (a form intake, an update).
 */
export interface ScoreDef {
  id: string;
  key: string;
  label: string;
  isPrimary: boolean;
  thresholds: ScoreThreshold[];
}

interface RuleBase {
  id: string;
  scoreId: string;
  name: string;
  points: number;
  cap: number | null;
  halfLifeDays: number | null;
}
export type FactRule = RuleBase & { kind: "FACT"; condition: FactCondition };
export type BehaviourRule = RuleBase & { kind: "BEHAVIOUR"; event: ScoredBehaviourName; filter: BehaviourFilter };

export interface ScoringSetup {
  scores: ScoreDef[];
  facts: FactRule[];
  behaviours: BehaviourRule[];
}

export function readThresholds(raw: unknown): ScoreThreshold[] {
  const parsed = scoreThresholds.safeParse(raw);
  return parsed.success ? [...parsed.data].sort((a, b) => a.atLeast - b.atLeast) : [];
}

export async function loadScores(db: TenantDb): Promise<ScoreDef[]> {
  const rows = await db.leadScore.findMany({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, key: true, label: true, isPrimary: true, thresholds: true } });
  return rows.map((r) => ({ ...r, thresholds: readThresholds(r.thresholds) }));
}

/** Scores and their active, unarchived rules (one round trip each). */
export async function loadSetup(db: TenantDb): Promise<ScoringSetup> {
  const [scores, rules] = await Promise.all([
    loadScores(db),
    db.scoreRule.findMany({
      where: { active: true, archivedAt: null },
      orderBy: { createdAt: "asc" },
      select: { id: true, scoreId: true, name: true, kind: true, event: true, condition: true, points: true, cap: true, halfLifeDays: true },
    }),
  ]);
  const facts: FactRule[] = [];
  const behaviours: BehaviourRule[] = [];
  for (const r of rules) {
    const base = { id: r.id, scoreId: r.scoreId, name: r.name, points: r.points, cap: r.cap, halfLifeDays: r.halfLifeDays };
    if (r.kind === "FACT") {
      const condition = factCondition.safeParse(r.condition);
      if (condition.success) facts.push({ ...base, kind: "FACT", condition: condition.data });
    } else {
      const filter = behaviourFilter.safeParse(r.condition);
      if (filter.success && r.event) behaviours.push({ ...base, kind: "BEHAVIOUR", event: r.event as ScoredBehaviourName, filter: filter.data });
    }
  }
  return { scores, facts, behaviours };
}
