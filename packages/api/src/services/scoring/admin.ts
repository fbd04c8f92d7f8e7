import { TRPCError } from "@trpc/server";
import type { Prisma, TenantDb } from "@mg/db";
import type { RuleDefinition, ScoreThreshold } from "../../schemas/scoring";
import { readThresholds } from "./rules";

/** Scores and rules as the settings screen edits them. */

export const MAX_SCORES = 10;
export const MAX_RULES = 200;

function slugKey(label: string): string {
  return (
    label
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "score"
  );
}

/** Makes `scoreId` the only primary score and mirrors its totals into contacts.score (0 without one). */
async function mirrorPrimary(db: TenantDb, organizationId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE contacts c SET score = coalesce((
      SELECT cs.total FROM contact_scores cs JOIN lead_scores p ON p.organization_id = cs.organization_id AND p.id = cs.score_id AND p.is_primary
      WHERE cs.organization_id = c.organization_id AND cs.contact_id = c.id), 0)
    WHERE c.organization_id = ${organizationId}::uuid`;
}

export async function listScores(db: TenantDb) {
  const rows = await db.leadScore.findMany({
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { id: true, key: true, label: true, isPrimary: true, thresholds: true, position: true, _count: { select: { rules: { where: { archivedAt: null } } } } },
  });
  return rows.map((r) => ({ id: r.id, key: r.key, label: r.label, isPrimary: r.isPrimary, position: r.position, thresholds: readThresholds(r.thresholds), ruleCount: r._count.rules }));
}

export async function createScore(db: TenantDb, organizationId: string, input: { label: string; isPrimary: boolean; thresholds: ScoreThreshold[] }) {
  const count = await db.leadScore.count();
  if (count >= MAX_SCORES) throw new TRPCError({ code: "BAD_REQUEST", message: `At most ${MAX_SCORES} scores.` });
  const base = slugKey(input.label);
  const taken = new Set((await db.leadScore.findMany({ select: { key: true } })).map((s) => s.key));
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  const isPrimary = input.isPrimary || count === 0;
  if (isPrimary) await db.leadScore.updateMany({ where: { isPrimary: true }, data: { isPrimary: false } });
  const score = await db.leadScore.create({ data: { organizationId, key, label: input.label, isPrimary, thresholds: input.thresholds as unknown as Prisma.InputJsonValue, position: count }, select: { id: true } });
  if (isPrimary) await mirrorPrimary(db, organizationId);
  return score;
}

export async function updateScore(db: TenantDb, organizationId: string, input: { scoreId: string; label?: string; isPrimary?: boolean; thresholds?: ScoreThreshold[]; position?: number }) {
  const score = await db.leadScore.findFirst({ where: { id: input.scoreId }, select: { id: true, isPrimary: true } });
  if (!score) throw new TRPCError({ code: "NOT_FOUND", message: "Score not found." });
  if (input.isPrimary === false && score.isPrimary) throw new TRPCError({ code: "BAD_REQUEST", message: "Make another score primary instead: the contacts table shows the primary score." });
  const becomesPrimary = input.isPrimary === true && !score.isPrimary;
  if (becomesPrimary) await db.leadScore.updateMany({ where: { isPrimary: true }, data: { isPrimary: false } });
  await db.leadScore.update({
    where: { organizationId_id: { organizationId, id: score.id } },
    data: {
      ...(input.label !== undefined ? { label: input.label } : {}),
      ...(becomesPrimary ? { isPrimary: true } : {}),
      ...(input.thresholds !== undefined ? { thresholds: input.thresholds as unknown as Prisma.InputJsonValue } : {}),
      ...(input.position !== undefined ? { position: input.position } : {}),
    },
  });
  if (becomesPrimary) await mirrorPrimary(db, organizationId);
  return { id: score.id };
}

/** Deletes a score with its rules, ledger entries and totals (the UI confirms first). */
export async function deleteScore(db: TenantDb, organizationId: string, scoreId: string) {
  const score = await db.leadScore.findFirst({ where: { id: scoreId }, select: { id: true, isPrimary: true } });
  if (!score) throw new TRPCError({ code: "NOT_FOUND", message: "Score not found." });
  // Ledger rows go through the foreign key's cascade (the app role itself cannot delete them).
  await db.$executeRaw`DELETE FROM lead_scores WHERE organization_id = ${organizationId}::uuid AND id = ${scoreId}::uuid`;
  if (score.isPrimary) {
    const next = await db.leadScore.findFirst({ orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
    if (next) await db.leadScore.update({ where: { organizationId_id: { organizationId, id: next.id } }, data: { isPrimary: true } });
    await mirrorPrimary(db, organizationId);
  }
  return { id: scoreId };
}

const RULE_SELECT = { id: true, scoreId: true, name: true, kind: true, event: true, condition: true, points: true, halfLifeDays: true, cap: true, active: true, archivedAt: true, createdAt: true } as const;

export async function listRules(db: TenantDb, input: { scoreId?: string; includeArchived: boolean }) {
  return db.scoreRule.findMany({
    where: { ...(input.scoreId ? { scoreId: input.scoreId } : {}), ...(input.includeArchived ? {} : { archivedAt: null }) },
    orderBy: [{ createdAt: "asc" }],
    select: RULE_SELECT,
  });
}

function storedDefinition(definition: RuleDefinition): { kind: "FACT" | "BEHAVIOUR"; event: string | null; condition: Prisma.InputJsonValue } {
  return definition.kind === "FACT"
    ? { kind: "FACT", event: null, condition: definition.condition as unknown as Prisma.InputJsonValue }
    : { kind: "BEHAVIOUR", event: definition.event, condition: definition.filter as unknown as Prisma.InputJsonValue };
}

export async function createRule(db: TenantDb, organizationId: string, input: { scoreId: string; name: string; definition: RuleDefinition; points: number; halfLifeDays?: number | null; cap?: number | null }) {
  const score = await db.leadScore.findFirst({ where: { id: input.scoreId }, select: { id: true } });
  if (!score) throw new TRPCError({ code: "NOT_FOUND", message: "Score not found." });
  if ((await db.scoreRule.count({ where: { archivedAt: null } })) >= MAX_RULES) throw new TRPCError({ code: "BAD_REQUEST", message: `At most ${MAX_RULES} rules.` });
  return db.scoreRule.create({
    data: { organizationId, scoreId: score.id, name: input.name, ...storedDefinition(input.definition), points: input.points, halfLifeDays: input.definition.kind === "BEHAVIOUR" ? (input.halfLifeDays ?? null) : null, cap: input.cap ?? null },
    select: RULE_SELECT,
  });
}

export async function updateRule(db: TenantDb, organizationId: string, input: { ruleId: string; name?: string; definition?: RuleDefinition; points?: number; halfLifeDays?: number | null; cap?: number | null; active?: boolean }) {
  const rule = await db.scoreRule.findFirst({ where: { id: input.ruleId }, select: { id: true, kind: true } });
  if (!rule) throw new TRPCError({ code: "NOT_FOUND", message: "Rule not found." });
  const definition = input.definition ? storedDefinition(input.definition) : null;
  if (definition && definition.kind !== rule.kind) throw new TRPCError({ code: "BAD_REQUEST", message: "A rule stays a fact or a behaviour rule: create a new rule instead." });
  const kind = definition?.kind ?? rule.kind;
  return db.scoreRule.update({
    where: { organizationId_id: { organizationId, id: rule.id } },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(definition ? { event: definition.event, condition: definition.condition } : {}),
      ...(input.points !== undefined ? { points: input.points } : {}),
      ...(input.halfLifeDays !== undefined ? { halfLifeDays: kind === "BEHAVIOUR" ? input.halfLifeDays : null } : {}),
      ...(input.cap !== undefined ? { cap: input.cap } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    },
    select: RULE_SELECT,
  });
}

export async function archiveRule(db: TenantDb, organizationId: string, ruleId: string, archived: boolean) {
  const rule = await db.scoreRule.findFirst({ where: { id: ruleId }, select: { id: true } });
  if (!rule) throw new TRPCError({ code: "NOT_FOUND", message: "Rule not found." });
  return db.scoreRule.update({ where: { organizationId_id: { organizationId, id: rule.id } }, data: { archivedAt: archived ? new Date() : null }, select: RULE_SELECT });
}
