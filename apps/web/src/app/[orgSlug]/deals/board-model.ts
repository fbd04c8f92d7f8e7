/**
 * Where a dropped card goes, as pure functions (the board calls them; tests call them too).
 * `columns` are the stages' card ids in board order; a drop target is a card id or a stage's
 * droppable id (`stage:<id>`, the column itself: the end of it).
 */
export const STAGE_PREFIX = "stage:";

export const stageDropId = (stageId: string) => `${STAGE_PREFIX}${stageId}`;

export interface Drop {
  stageId: string;
  /** The target column's ids after the drop, the moved card included. */
  order: string[];
  afterDealId: string | null;
  beforeDealId: string | null;
}

function stageOfCard(columns: ReadonlyMap<string, readonly string[]>, dealId: string): string | null {
  for (const [stageId, ids] of columns) if (ids.includes(dealId)) return stageId;
  return null;
}

/** The drop of `dealId` on `overId`, or null when nothing changes (same place, unknown target). */
export function dropOf(columns: ReadonlyMap<string, readonly string[]>, dealId: string, overId: string | null): Drop | null {
  if (!overId) return null;
  const from = stageOfCard(columns, dealId);
  const onColumn = overId.startsWith(STAGE_PREFIX);
  const target = onColumn ? overId.slice(STAGE_PREFIX.length) : stageOfCard(columns, overId);
  if (!from || !target || !columns.has(target)) return null;
  const ids = [...(columns.get(target) ?? [])];
  let order: string[];
  if (target === from) {
    const oldIndex = ids.indexOf(dealId);
    const newIndex = onColumn ? ids.length - 1 : ids.indexOf(overId);
    if (oldIndex === newIndex || newIndex < 0) return null;
    order = [...ids];
    order.splice(oldIndex, 1);
    order.splice(newIndex, 0, dealId);
  } else {
    const overIndex = onColumn ? ids.length : ids.indexOf(overId);
    order = [...ids.slice(0, overIndex), dealId, ...ids.slice(overIndex)];
  }
  return withNeighbours(target, order, dealId);
}

/** "Move to stage": the end of that stage. */
export function moveToEnd(columns: ReadonlyMap<string, readonly string[]>, dealId: string, stageId: string): Drop {
  const ids = (columns.get(stageId) ?? []).filter((id) => id !== dealId);
  return withNeighbours(stageId, [...ids, dealId], dealId);
}

function withNeighbours(stageId: string, order: string[], dealId: string): Drop {
  const at = order.indexOf(dealId);
  return { stageId, order, afterDealId: order[at - 1] ?? null, beforeDealId: order[at + 1] ?? null };
}
