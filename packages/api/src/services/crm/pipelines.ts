import { TRPCError } from "@trpc/server";
import type { Prisma, StageKind, TenantDb } from "@mg/db";
import { DEFAULT_STAGES } from "../../schemas/crm/pipelines";

export const STAGE_SELECT = { id: true, name: true, position: true, probability: true, kind: true, archivedAt: true } satisfies Prisma.PipelineStageSelect;

export const PIPELINE_SELECT = {
  id: true,
  name: true,
  currency: true,
  position: true,
  isDefault: true,
  archivedAt: true,
  createdAt: true,
  stages: { where: { archivedAt: null }, orderBy: { position: "asc" }, select: STAGE_SELECT },
} satisfies Prisma.PipelineSelect;

export type PipelineView = Prisma.PipelineGetPayload<{ select: typeof PIPELINE_SELECT }>;

export interface StageSpec {
  id?: string;
  name: string;
  probability: number;
  kind: StageKind;
}

export async function findPipeline(db: TenantDb, pipelineId: string): Promise<PipelineView> {
  const pipeline = await db.pipeline.findFirst({ where: { id: pipelineId }, select: PIPELINE_SELECT });
  if (!pipeline) throw new TRPCError({ code: "NOT_FOUND", message: "Pipeline not found." });
  return pipeline;
}

/** The pipeline a deal or board falls back to: the default one, else the first live one. */
export async function defaultPipeline(db: TenantDb): Promise<PipelineView | null> {
  return db.pipeline.findFirst({ where: { archivedAt: null }, orderBy: [{ isDefault: "desc" }, { position: "asc" }, { createdAt: "asc" }], select: PIPELINE_SELECT });
}

export async function assertPipelineNameFree(db: TenantDb, name: string, exceptId?: string): Promise<void> {
  const clash = await db.pipeline.findFirst({ where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `A pipeline named “${name}” already exists.` });
}

/** A new pipeline with its stages; the organization's first pipeline becomes its default. */
export async function createPipeline(db: TenantDb, organizationId: string, input: { name: string; currency: string; stages?: readonly StageSpec[] }): Promise<PipelineView> {
  await assertPipelineNameFree(db, input.name);
  const [live, last] = await Promise.all([
    db.pipeline.count({ where: { archivedAt: null } }),
    db.pipeline.findFirst({ orderBy: { position: "desc" }, select: { position: true } }),
  ]);
  const stages = input.stages ?? DEFAULT_STAGES;
  const pipeline = await db.pipeline.create({
    data: { organizationId, name: input.name, currency: input.currency, position: (last?.position ?? -1) + 1, isDefault: live === 0 },
    select: { id: true },
  });
  await db.pipelineStage.createMany({
    data: stages.map((s, position) => ({ organizationId, pipelineId: pipeline.id, name: s.name, probability: s.probability, kind: s.kind, position })),
  });
  return findPipeline(db, pipeline.id);
}

/**
 * Applies the editor's whole ordered stage list: kept stages are renamed, re-weighted and
 * reordered, new ones added, missing ones archived — refused while a missing stage still holds
 * live deals (they would vanish from the board). The schema already checked one WON, one LOST.
 */
export async function setStages(db: TenantDb, organizationId: string, pipelineId: string, stages: readonly StageSpec[]): Promise<PipelineView> {
  const pipeline = await findPipeline(db, pipelineId);
  const current = await db.pipelineStage.findMany({ where: { pipelineId }, select: { id: true, name: true, kind: true, archivedAt: true } });
  const byId = new Map(current.map((s) => [s.id, s]));
  for (const s of stages) {
    if (s.id && !byId.has(s.id)) throw new TRPCError({ code: "NOT_FOUND", message: "Stage not found." });
  }
  const keep = new Set(stages.flatMap((s) => (s.id ? [s.id] : [])));
  const dropped = current.filter((s) => !keep.has(s.id) && s.archivedAt === null);
  if (dropped.length) {
    const holding = await db.deal.groupBy({ by: ["stageId"], where: { stageId: { in: dropped.map((s) => s.id) }, deletedAt: null }, _count: { _all: true } });
    const first = holding[0];
    if (first) {
      const stage = byId.get(first.stageId);
      throw new TRPCError({ code: "CONFLICT", message: `“${stage?.name ?? "A stage"}” still holds ${first._count._all} deal${first._count._all === 1 ? "" : "s"}: move them to another stage before removing it.` });
    }
  }
  // A kept stage's kind may change only while it holds no deals: their closedAt would lie.
  for (const s of stages) {
    const before = s.id ? byId.get(s.id) : undefined;
    if (before && before.kind !== s.kind) {
      const n = await db.deal.count({ where: { stageId: before.id, deletedAt: null } });
      if (n > 0) throw new TRPCError({ code: "CONFLICT", message: `“${before.name}” holds ${n} deal${n === 1 ? "" : "s"}: its kind (open, won, lost) cannot change until they move.` });
    }
  }
  // Names are unique per pipeline (archived stages included): free every name first, then write.
  const now = new Date();
  for (const s of current) await db.pipelineStage.update({ where: { organizationId_id: { organizationId, id: s.id } }, data: { name: `~renaming~${s.id}` } });
  const archivedNames = new Set(stages.map((s) => s.name.toLowerCase()));
  for (const s of current.filter((c) => !keep.has(c.id))) {
    // An archived stage keeps its name unless a live stage now uses it.
    const name = archivedNames.has(s.name.toLowerCase()) ? `${s.name} (archived ${s.id.slice(0, 8)})` : s.name;
    await db.pipelineStage.update({ where: { organizationId_id: { organizationId, id: s.id } }, data: { name, archivedAt: s.archivedAt ?? now, position: 1000 + current.indexOf(s) } });
  }
  for (const [position, s] of stages.entries()) {
    if (s.id) {
      await db.pipelineStage.update({ where: { organizationId_id: { organizationId, id: s.id } }, data: { name: s.name, probability: s.probability, kind: s.kind, position, archivedAt: null } });
    } else {
      await db.pipelineStage.create({ data: { organizationId, pipelineId: pipeline.id, name: s.name, probability: s.probability, kind: s.kind, position } });
    }
  }
  return findPipeline(db, pipelineId);
}

export async function setDefaultPipeline(db: TenantDb, pipelineId: string): Promise<PipelineView> {
  const pipeline = await findPipeline(db, pipelineId);
  if (pipeline.archivedAt) throw new TRPCError({ code: "CONFLICT", message: "An archived pipeline cannot be the default: restore it first." });
  await db.pipeline.updateMany({ where: { isDefault: true, id: { not: pipelineId } }, data: { isDefault: false } });
  await db.pipeline.updateMany({ where: { id: pipelineId }, data: { isDefault: true } });
  return findPipeline(db, pipelineId);
}

/**
 * Archive hides a pipeline from the switcher. Refused while it has open deals (they would drop out
 * of the forecast unseen); won and lost deals stay for reporting. The default moves elsewhere.
 */
export async function archivePipeline(db: TenantDb, pipelineId: string, archived: boolean): Promise<PipelineView> {
  const pipeline = await findPipeline(db, pipelineId);
  if ((pipeline.archivedAt !== null) === archived) return pipeline;
  if (archived) {
    const open = await db.deal.count({ where: { pipelineId, deletedAt: null, stage: { kind: "OPEN" } } });
    if (open > 0) {
      throw new TRPCError({ code: "CONFLICT", message: `“${pipeline.name}” has ${open} open deal${open === 1 ? "" : "s"}: win, lose or move ${open === 1 ? "it" : "them"} to another pipeline before archiving.` });
    }
    await db.pipeline.updateMany({ where: { id: pipelineId }, data: { archivedAt: new Date(), isDefault: false } });
    if (pipeline.isDefault) {
      const next = await db.pipeline.findFirst({ where: { archivedAt: null }, orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true } });
      if (next) await db.pipeline.updateMany({ where: { id: next.id }, data: { isDefault: true } });
    }
  } else {
    const hasDefault = await db.pipeline.count({ where: { archivedAt: null, isDefault: true } });
    await db.pipeline.updateMany({ where: { id: pipelineId }, data: { archivedAt: null, isDefault: hasDefault === 0 } });
  }
  return findPipeline(db, pipelineId);
}
