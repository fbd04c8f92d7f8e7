import { TRPCError } from "@trpc/server";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { Prisma, type TenantDb } from "@mg/db";

/**
 * Where a deal sits within its stage: a fractional-indexing key, so a drag writes the moved deal
 * only. Keys compare byte-wise ("a0" < "a0V" < "a1"); SQL orders them with COLLATE "C", never by
 * the database's locale, which could sort "a" before "Z".
 */

export interface StagePositions {
  /** Position to give the moving deal. */
  position: string;
  /** Deals whose key was rewritten because their neighbours' keys collided (0 on the normal path). */
  rebalanced: number;
}

/** Serializes moves into one stage, so a drop sees the drops that committed before it (see positionBetween). */
export async function lockStage(db: TenantDb, stageId: string): Promise<void> {
  await db.$queryRaw`SELECT id FROM pipeline_stages WHERE organization_id = ${db.$organizationId}::uuid AND id = ${stageId}::uuid FOR UPDATE`;
}

/** The last key in a stage (every live deal, whoever owns it), or null for an empty stage. */
async function lastPosition(db: TenantDb, stageId: string, exceptDealId: string | null): Promise<string | null> {
  const rows = await db.$queryRaw<{ position: string }[]>`
    SELECT position FROM deals
    WHERE organization_id = ${db.$organizationId}::uuid AND stage_id = ${stageId}::uuid AND deleted_at IS NULL
      AND (${exceptDealId}::uuid IS NULL OR id <> ${exceptDealId}::uuid)
    ORDER BY position COLLATE "C" DESC, id DESC LIMIT 1`;
  return rows[0]?.position ?? null;
}

/** Position for a new deal: the end of its stage. */
export async function endOfStage(db: TenantDb, stageId: string): Promise<string> {
  return generateKeyBetween(await lastPosition(db, stageId, null), null);
}

/**
 * Rewrites the keys of one stage, evenly, in their current order (ties by id). Only needed when
 * two neighbours ended up with equal keys (moves in an own-records-only view, an old import);
 * every other stage is untouched.
 */
export async function rebalanceStage(db: TenantDb, stageId: string, exceptDealId: string | null): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<{ id: string; position: string }[]>`
    SELECT id, position FROM deals
    WHERE organization_id = ${db.$organizationId}::uuid AND stage_id = ${stageId}::uuid AND deleted_at IS NULL
      AND (${exceptDealId}::uuid IS NULL OR id <> ${exceptDealId}::uuid)
    ORDER BY position COLLATE "C", id`;
  const keys = generateNKeysBetween(null, null, rows.length);
  const next = new Map<string, string>();
  const changed: { id: string; position: string }[] = [];
  rows.forEach((row, i) => {
    const key = keys[i] ?? row.position;
    next.set(row.id, key);
    if (key !== row.position) changed.push({ id: row.id, position: key });
  });
  if (changed.length) {
    await db.$executeRaw`
      UPDATE deals AS d SET position = c.position
      FROM unnest(${changed.map((c) => c.id)}::uuid[], ${changed.map((c) => c.position)}::text[]) AS c(id, position)
      WHERE d.organization_id = ${db.$organizationId}::uuid AND d.id = c.id`;
  }
  return next;
}

interface Neighbour {
  id: string;
  stageId: string;
  position: string;
}

async function neighbour(db: TenantDb, dealId: string | null | undefined, stageId: string, movingId: string): Promise<Neighbour | null> {
  if (!dealId) return null;
  if (dealId === movingId) throw new TRPCError({ code: "BAD_REQUEST", message: "A deal cannot be placed next to itself." });
  const deal = await db.deal.findFirst({ where: { id: dealId, deletedAt: null }, select: { id: true, stageId: true, position: true } });
  if (!deal) throw new TRPCError({ code: "NOT_FOUND", message: "Deal not found." });
  if (deal.stageId !== stageId) throw new TRPCError({ code: "CONFLICT", message: "The board changed while you were dragging: that neighbour is in another stage now. Refresh and try again." });
  return deal;
}

/**
 * The key for `movingId` between `afterId` (above) and `beforeId` (below) in `stageId`. With no
 * neighbour named the deal goes to the end of the stage. Colliding or out-of-order neighbour keys
 * rebalance that stage once, then the key is computed again.
 */
export async function positionBetween(db: TenantDb, input: { stageId: string; movingId: string; afterId?: string | null; beforeId?: string | null }): Promise<StagePositions> {
  const after = await neighbour(db, input.afterId, input.stageId, input.movingId);
  const before = await neighbour(db, input.beforeId, input.stageId, input.movingId);
  if (!after && !before) return { position: generateKeyBetween(await lastPosition(db, input.stageId, input.movingId), null), rebalanced: 0 };
  let a = after?.position ?? null;
  let b = before?.position ?? null;
  let rebalanced = 0;
  if (a !== null && b !== null && !(a < b)) {
    const keys = await rebalanceStage(db, input.stageId, input.movingId);
    rebalanced = keys.size;
    a = after ? (keys.get(after.id) ?? null) : null;
    b = before ? (keys.get(before.id) ?? null) : null;
    if (a !== null && b !== null && !(a < b)) {
      throw new TRPCError({ code: "CONFLICT", message: "Those two deals are not next to each other in this order. Refresh and try again." });
    }
  }
  // Someone else's drop may already sit in this gap (the neighbours were read from the board
  // before it; the stage lock made us wait for it): land next to it instead of on its key.
  if (a !== null) {
    const [inside] = await db.$queryRaw<{ position: string }[]>`
      SELECT position FROM deals
      WHERE organization_id = ${db.$organizationId}::uuid AND stage_id = ${input.stageId}::uuid AND deleted_at IS NULL AND id <> ${input.movingId}::uuid
        AND position COLLATE "C" > ${a} AND (${b}::text IS NULL OR position COLLATE "C" < ${b})
      ORDER BY position COLLATE "C" DESC LIMIT 1`;
    if (inside) a = inside.position;
  } else if (b !== null) {
    const [inside] = await db.$queryRaw<{ position: string }[]>`
      SELECT position FROM deals
      WHERE organization_id = ${db.$organizationId}::uuid AND stage_id = ${input.stageId}::uuid AND deleted_at IS NULL AND id <> ${input.movingId}::uuid
        AND position COLLATE "C" < ${b}
      ORDER BY position COLLATE "C" LIMIT 1`;
    if (inside) b = inside.position;
  }
  return { position: generateKeyBetween(a, b), rebalanced };
}

/** For SQL: order deals as the board shows them. */
export const BOARD_ORDER = Prisma.sql`position COLLATE "C", id`;
