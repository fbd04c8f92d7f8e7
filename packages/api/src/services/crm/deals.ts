import { TRPCError } from "@trpc/server";
import type { Organization, Prisma, StageKind, TenantDb } from "@mg/db";
import { recordActivities, type ActivityInput } from "./timeline";
import { assertCompany, assertContacts, assertMember } from "./deals-refs";
import { endOfStage, lockStage, positionBetween } from "./deals-position";
import { defaultPipeline, findPipeline } from "./pipelines";
import type { ActivityKindName } from "../../schemas/crm/activity";

/**
 * Deals: creation, edits, moves on the board, won/lost/reopen, soft delete and restore. Every
 * stage a deal enters is a DealStageChange row (forecasting, velocity) and a STAGE_CHANGED event on
 * the deal's and its contacts' timelines; won and lost add DEAL_WON / DEAL_LOST.
 */

export const DEAL_SELECT = {
  id: true,
  name: true,
  amountMinor: true,
  currency: true,
  pipelineId: true,
  stageId: true,
  position: true,
  expectedCloseOn: true,
  ownerUserId: true,
  companyId: true,
  lostReason: true,
  closedAt: true,
  deletedAt: true,
  createdAt: true,
  updatedAt: true,
  stage: { select: { id: true, name: true, kind: true, probability: true } },
  pipeline: { select: { id: true, name: true } },
  company: { select: { id: true, name: true } },
  contacts: { select: { contact: { select: { id: true, firstName: true, lastName: true, primaryEmail: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.DealSelect;

type DealRow = Prisma.DealGetPayload<{ select: typeof DEAL_SELECT }>;

/** A deal as the API returns it: the amount as a string of digits (BigInt never crosses JSON). */
export function serializeDeal(deal: DealRow) {
  const { contacts, amountMinor, ...rest } = deal;
  return { ...rest, amountMinor: amountMinor.toString(), contacts: contacts.map((c) => c.contact) };
}
export type DealView = ReturnType<typeof serializeDeal>;

export interface Actor {
  organizationId: string;
  userId: string;
}

export async function loadDeal(db: TenantDb, dealId: string, options: { deleted?: boolean } = {}): Promise<DealRow> {
  const deal = await db.deal.findFirst({ where: { id: dealId, ...(options.deleted ? {} : { deletedAt: null }) }, select: DEAL_SELECT });
  if (!deal) throw new TRPCError({ code: "NOT_FOUND", message: "Deal not found." });
  return deal;
}

async function liveStage(db: TenantDb, stageId: string, pipelineId?: string) {
  const stage = await db.pipelineStage.findFirst({
    where: { id: stageId, archivedAt: null, ...(pipelineId ? { pipelineId } : {}) },
    select: { id: true, name: true, kind: true, probability: true, pipelineId: true, pipeline: { select: { name: true, archivedAt: true } } },
  });
  if (!stage) throw new TRPCError({ code: "NOT_FOUND", message: "Stage not found." });
  if (stage.pipeline.archivedAt) throw new TRPCError({ code: "CONFLICT", message: `“${stage.pipeline.name}” is archived: restore it to add or move deals there.` });
  return stage;
}
type Stage = Awaited<ReturnType<typeof liveStage>>;

function closingFields(kind: StageKind, lostReason: string | null | undefined, now: Date) {
  if (kind === "OPEN") return { closedAt: null, lostReason: null };
  return { closedAt: now, lostReason: kind === "LOST" ? lostReason?.trim() || null : null };
}

/** The timeline events of a deal entering `to`: on the deal and on each of its contacts. */
function stageEvents(
  deal: { id: string; name: string; amountMinor: bigint; currency: string },
  contactIds: readonly string[],
  from: { name: string } | null,
  to: Stage,
  actor: Actor,
  lostReason: string | null,
  occurredAt: Date,
): ActivityInput<ActivityKindName>[] {
  const targets = [{ dealId: deal.id, occurredAt }, ...contactIds.map((contactId) => ({ contactId, occurredAt }))];
  const events: ActivityInput<ActivityKindName>[] = [];
  for (const target of targets) {
    const about = { dealId: deal.id, dealName: deal.name };
    if (from) events.push({ kind: "STAGE_CHANGED", payload: { fromStage: from.name, toStage: to.name, pipeline: to.pipeline.name, ...about }, ...target, actorUserId: actor.userId });
    if (to.kind === "WON") events.push({ kind: "DEAL_WON", payload: { name: deal.name, amountMinor: deal.amountMinor.toString(), currency: deal.currency, dealId: deal.id }, ...target, actorUserId: actor.userId });
    if (to.kind === "LOST") events.push({ kind: "DEAL_LOST", payload: { name: deal.name, reason: lostReason, dealId: deal.id }, ...target, actorUserId: actor.userId });
  }
  return events;
}

export async function createDeal(
  db: TenantDb,
  org: Pick<Organization, "id" | "parentId">,
  actor: Actor,
  input: {
    name: string;
    amountMinor: string;
    currency?: string;
    pipelineId?: string;
    stageId?: string;
    expectedCloseOn?: string | null;
    ownerUserId?: string | null;
    companyId?: string | null;
    contactIds: readonly string[];
  },
): Promise<DealView> {
  // A stage names its pipeline; otherwise the one asked for, else the default.
  const stageOwner = input.stageId && !input.pipelineId ? await db.pipelineStage.findFirst({ where: { id: input.stageId }, select: { pipelineId: true } }) : null;
  if (input.stageId && !input.pipelineId && !stageOwner) throw new TRPCError({ code: "NOT_FOUND", message: "Stage not found." });
  const pipelineId = input.pipelineId ?? stageOwner?.pipelineId;
  const pipeline = pipelineId ? await findPipeline(db, pipelineId) : await defaultPipeline(db);
  if (!pipeline) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Create a pipeline first." });
  const stageId = input.stageId ?? pipeline.stages.find((s) => s.kind === "OPEN")?.id;
  if (!stageId) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `“${pipeline.name}” has no open stage.` });
  const stage = await liveStage(db, stageId, pipeline.id);
  const ownerUserId = input.ownerUserId === undefined ? actor.userId : input.ownerUserId;
  if (ownerUserId && ownerUserId !== actor.userId) await assertMember(db, org, ownerUserId);
  if (input.companyId) await assertCompany(db, input.companyId);
  const contactIds = await assertContacts(db, input.contactIds);
  await lockStage(db, stage.id);
  const now = new Date();
  const amountMinor = BigInt(input.amountMinor);
  const created = await db.deal.create({
    data: {
      organizationId: org.id,
      pipelineId: pipeline.id,
      stageId: stage.id,
      name: input.name,
      amountMinor,
      currency: input.currency ?? pipeline.currency,
      position: await endOfStage(db, stage.id),
      expectedCloseOn: input.expectedCloseOn ?? null,
      ownerUserId,
      companyId: input.companyId ?? null,
      createdById: actor.userId,
      ...closingFields(stage.kind, null, now),
    },
    select: { id: true, name: true, amountMinor: true, currency: true },
  });
  if (contactIds.length) await db.dealContact.createMany({ data: contactIds.map((contactId) => ({ organizationId: org.id, dealId: created.id, contactId })) });
  await db.dealStageChange.create({ data: { organizationId: org.id, dealId: created.id, fromStageId: null, toStageId: stage.id, amountMinor, changedById: actor.userId, changedAt: now } });
  const about = { name: created.name, amountMinor: created.amountMinor.toString(), currency: created.currency, dealId: created.id };
  await recordActivities(db, org.id, [
    { kind: "DEAL_CREATED", payload: about, dealId: created.id, companyId: input.companyId ?? null, actorUserId: actor.userId, occurredAt: now },
    ...contactIds.map((contactId) => ({ kind: "DEAL_CREATED" as const, payload: about, contactId, actorUserId: actor.userId, occurredAt: now })),
  ]);
  if (stage.kind !== "OPEN") await recordActivities(db, org.id, stageEvents(created, contactIds, null, stage, actor, null, now));
  return serializeDeal(await loadDeal(db, created.id));
}

export async function updateDeal(
  db: TenantDb,
  org: Pick<Organization, "id" | "parentId">,
  input: { dealId: string; name?: string; amountMinor?: string; currency?: string; expectedCloseOn?: string | null; ownerUserId?: string | null; companyId?: string | null; contactIds?: readonly string[] },
): Promise<DealView> {
  const deal = await loadDeal(db, input.dealId);
  if (input.ownerUserId) await assertMember(db, org, input.ownerUserId);
  if (input.companyId) await assertCompany(db, input.companyId);
  const contactIds = input.contactIds ? await assertContacts(db, input.contactIds) : undefined;
  await db.deal.update({
    where: { organizationId_id: { organizationId: org.id, id: deal.id } },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.amountMinor !== undefined ? { amountMinor: BigInt(input.amountMinor) } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(input.expectedCloseOn !== undefined ? { expectedCloseOn: input.expectedCloseOn } : {}),
      ...(input.ownerUserId !== undefined ? { ownerUserId: input.ownerUserId } : {}),
      ...(input.companyId !== undefined ? { companyId: input.companyId } : {}),
    },
  });
  if (contactIds) {
    await db.dealContact.deleteMany({ where: { dealId: deal.id, contactId: { notIn: contactIds } } });
    await db.dealContact.createMany({ data: contactIds.map((contactId) => ({ organizationId: org.id, dealId: deal.id, contactId })), skipDuplicates: true });
  }
  return serializeDeal(await loadDeal(db, deal.id));
}

/**
 * Moves a deal to a stage (of its pipeline, or of another one: the deal changes pipeline) between two neighbours. Within a stage this writes the
 * deal's row only; into another stage it also writes the stage history and the timeline.
 */
export async function moveDeal(
  db: TenantDb,
  actor: Actor,
  input: { dealId: string; stageId: string; afterDealId?: string | null; beforeDealId?: string | null; lostReason?: string | null },
): Promise<DealView & { rebalanced: number }> {
  const deal = await loadDeal(db, input.dealId);
  // Any live stage of the organization: a stage of another pipeline moves the deal there.
  const to = await liveStage(db, input.stageId);
  await lockStage(db, to.id);
  const { position, rebalanced } = await positionBetween(db, { stageId: to.id, movingId: deal.id, afterId: input.afterDealId, beforeId: input.beforeDealId });
  if (to.id === deal.stageId) {
    await db.deal.update({ where: { organizationId_id: { organizationId: actor.organizationId, id: deal.id } }, data: { position } });
    return { ...serializeDeal(await loadDeal(db, deal.id)), rebalanced };
  }
  await enterStage(db, actor, deal, to, { position, lostReason: input.lostReason ?? null });
  return { ...serializeDeal(await loadDeal(db, deal.id)), rebalanced };
}

async function enterStage(db: TenantDb, actor: Actor, deal: DealRow, to: Stage, options: { position: string; lostReason: string | null }): Promise<void> {
  const now = new Date();
  const closing = closingFields(to.kind, options.lostReason, now);
  // A won deal moved to another won stage (none today: one per pipeline) keeps its close date.
  await db.deal.update({ where: { organizationId_id: { organizationId: actor.organizationId, id: deal.id } }, data: { pipelineId: to.pipelineId, stageId: to.id, position: options.position, ...closing } });
  await db.dealStageChange.create({ data: { organizationId: actor.organizationId, dealId: deal.id, fromStageId: deal.stageId, toStageId: to.id, amountMinor: deal.amountMinor, changedById: actor.userId, changedAt: now } });
  const contactIds = deal.contacts.map((c) => c.contact.id);
  await recordActivities(db, actor.organizationId, stageEvents(deal, contactIds, deal.stage, to, actor, closing.lostReason, now));
}

/** Won or lost: into the pipeline's WON / LOST stage, at its end. */
export async function closeDeal(db: TenantDb, actor: Actor, input: { dealId: string; outcome: "WON" | "LOST"; lostReason?: string | null }): Promise<DealView> {
  const deal = await loadDeal(db, input.dealId);
  const target = await db.pipelineStage.findFirst({ where: { pipelineId: deal.pipelineId, kind: input.outcome, archivedAt: null }, select: { id: true } });
  if (!target) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `“${deal.pipeline.name}” has no ${input.outcome === "WON" ? "won" : "lost"} stage.` });
  if (deal.stageId === target.id) {
    if (input.outcome === "LOST" && input.lostReason !== undefined) {
      await db.deal.update({ where: { organizationId_id: { organizationId: actor.organizationId, id: deal.id } }, data: { lostReason: input.lostReason?.trim() || null } });
    }
    return serializeDeal(await loadDeal(db, deal.id));
  }
  const to = await liveStage(db, target.id);
  await lockStage(db, to.id);
  await enterStage(db, actor, deal, to, { position: await endOfStage(db, to.id), lostReason: input.lostReason ?? null });
  return serializeDeal(await loadDeal(db, deal.id));
}

/** Back to an open stage (default: the last open one, where it most likely was before closing). */
export async function reopenDeal(db: TenantDb, actor: Actor, input: { dealId: string; stageId?: string }): Promise<DealView> {
  const deal = await loadDeal(db, input.dealId);
  let stageId = input.stageId;
  if (!stageId) {
    const previous = await db.dealStageChange.findFirst({
      where: { dealId: deal.id, toStageId: deal.stageId, fromStage: { kind: "OPEN", archivedAt: null } },
      orderBy: { changedAt: "desc" },
      select: { fromStageId: true },
    });
    const lastOpen = await db.pipelineStage.findFirst({ where: { pipelineId: deal.pipelineId, kind: "OPEN", archivedAt: null }, orderBy: { position: "desc" }, select: { id: true } });
    stageId = previous?.fromStageId ?? lastOpen?.id;
  }
  if (!stageId) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `“${deal.pipeline.name}” has no open stage.` });
  const to = await liveStage(db, stageId, deal.pipelineId);
  if (to.kind !== "OPEN") throw new TRPCError({ code: "BAD_REQUEST", message: "Reopen into an open stage." });
  if (deal.stageId === to.id) return serializeDeal(deal);
  await lockStage(db, to.id);
  await enterStage(db, actor, deal, to, { position: await endOfStage(db, to.id), lostReason: null });
  return serializeDeal(await loadDeal(db, deal.id));
}

export async function setDealDeleted(db: TenantDb, organizationId: string, dealId: string, deleted: boolean): Promise<DealView> {
  const deal = await loadDeal(db, dealId, { deleted: true });
  if ((deal.deletedAt !== null) === deleted) return serializeDeal(deal);
  await db.deal.update({ where: { organizationId_id: { organizationId, id: deal.id } }, data: { deletedAt: deleted ? new Date() : null } });
  return serializeDeal(await loadDeal(db, deal.id, { deleted: true }));
}

/** The stages a deal went through, oldest first. */
export async function dealHistory(db: TenantDb, dealId: string) {
  const rows = await db.dealStageChange.findMany({
    where: { dealId },
    orderBy: [{ changedAt: "asc" }, { id: "asc" }],
    select: { id: true, changedAt: true, changedById: true, amountMinor: true, fromStage: { select: { id: true, name: true } }, toStage: { select: { id: true, name: true, kind: true } } },
  });
  return rows.map((r) => ({ ...r, amountMinor: r.amountMinor.toString() }));
}

const SORT_COLUMNS = {
  name: "name",
  amount: "amountMinor",
  expectedCloseOn: "expectedCloseOn",
  createdAt: "createdAt",
  updatedAt: "updatedAt",
} as const;

/** The list view: filters, sort, a page and the total count (visibility applies through `db`). */
export async function listDeals(
  db: TenantDb,
  input: {
    pipelineId?: string;
    stageId?: string;
    ownerUserId?: string;
    companyId?: string;
    contactId?: string;
    status: "open" | "won" | "lost" | "all";
    search?: string;
    sort: keyof typeof SORT_COLUMNS;
    direction: "asc" | "desc";
    limit: number;
    offset: number;
  },
) {
  const where: Prisma.DealWhereInput = {
    deletedAt: null,
    ...(input.pipelineId ? { pipelineId: input.pipelineId } : {}),
    ...(input.stageId ? { stageId: input.stageId } : {}),
    ...(input.ownerUserId ? { ownerUserId: input.ownerUserId } : {}),
    ...(input.companyId ? { companyId: input.companyId } : {}),
    ...(input.contactId ? { contacts: { some: { contactId: input.contactId } } } : {}),
    ...(input.status === "all" ? {} : { stage: { kind: input.status === "open" ? "OPEN" : input.status === "won" ? "WON" : "LOST" } }),
    ...(input.search ? { name: { contains: input.search, mode: "insensitive" } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.deal.findMany({ where, orderBy: [input.sort === "expectedCloseOn" ? { expectedCloseOn: { sort: input.direction, nulls: "last" } } : { [SORT_COLUMNS[input.sort]]: input.direction }, { id: "asc" }], take: input.limit, skip: input.offset, select: DEAL_SELECT }),
    db.deal.count({ where }),
  ]);
  return { deals: rows.map(serializeDeal), total };
}

/** The deal's timeline, newest first, keyset on (occurredAt, id); the cursor is "<iso>_<id>" of the last row. */
export async function dealTimeline(db: TenantDb, input: { dealId: string; cursor?: string; limit: number }) {
  const [iso, id] = input.cursor?.split("_") ?? [];
  const at = iso ? new Date(iso) : null;
  const after = at && !Number.isNaN(at.getTime()) && id ? { OR: [{ occurredAt: { lt: at } }, { occurredAt: at, id: { lt: id } }] } : {};
  const rows = await db.activity.findMany({
    where: { dealId: input.dealId, ...after },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: { id: true, kind: true, occurredAt: true, actorUserId: true, actorLabel: true, contactId: true, payload: true },
  });
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return { entries: page, nextCursor: rows.length > input.limit && last ? `${last.occurredAt.toISOString()}_${last.id}` : null };
}
