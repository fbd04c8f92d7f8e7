import { TRPCError } from "@trpc/server";
import type { Prisma, TenantDb } from "@mg/db";
import { savedViewConfigSchema, type SavedViewConfig } from "../../schemas/crm/saved-views";

/**
 * Saved table views (columns, filter, sort) of the contacts and companies tables: personal
 * (ownerUserId = the member) or shared with the organization (ownerUserId NULL). A member sees
 * their own and the shared ones; shared ones are changed only by those allowed to share.
 */
export type ViewObject = "CONTACT" | "COMPANY";

export interface SavedView {
  id: string;
  name: string;
  shared: boolean;
  mine: boolean;
  config: SavedViewConfig;
  updatedAt: Date;
}

const SELECT = { id: true, name: true, ownerUserId: true, config: true, updatedAt: true } as const;

function toView(row: { id: string; name: string; ownerUserId: string | null; config: unknown; updatedAt: Date }, userId: string): SavedView {
  const parsed = savedViewConfigSchema.safeParse(row.config);
  return { id: row.id, name: row.name, shared: row.ownerUserId === null, mine: row.ownerUserId === userId, config: parsed.success ? parsed.data : { columns: [], filters: {} }, updatedAt: row.updatedAt };
}

export async function listSavedViews(db: TenantDb, object: ViewObject, userId: string): Promise<SavedView[]> {
  const rows = await db.crmSavedView.findMany({ where: { object, OR: [{ ownerUserId: null }, { ownerUserId: userId }] }, orderBy: [{ name: "asc" }, { id: "asc" }], select: SELECT });
  return rows.map((r) => toView(r, userId));
}

async function reachable(db: TenantDb, object: ViewObject, viewId: string, userId: string, canShare: boolean) {
  const row = await db.crmSavedView.findFirst({ where: { id: viewId, object, OR: [{ ownerUserId: null }, { ownerUserId: userId }] }, select: SELECT });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "View not found." });
  if (row.ownerUserId === null && !canShare) throw new TRPCError({ code: "FORBIDDEN", message: "Only members who may edit records change shared views." });
  return row;
}

export async function saveView(
  db: TenantDb,
  organizationId: string,
  object: ViewObject,
  userId: string,
  input: { viewId?: string; name: string; shared: boolean; config: SavedViewConfig },
  canShare: boolean,
): Promise<SavedView> {
  if (input.shared && !canShare) throw new TRPCError({ code: "FORBIDDEN", message: "Only members who may edit records share views; save it as a personal view." });
  const ownerUserId = input.shared ? null : userId;
  if (input.viewId) {
    await reachable(db, object, input.viewId, userId, canShare);
    const row = await db.crmSavedView.update({ where: { organizationId_id: { organizationId, id: input.viewId } }, data: { name: input.name, ownerUserId, config: input.config as Prisma.InputJsonObject }, select: SELECT });
    return toView(row, userId);
  }
  const row = await db.crmSavedView.create({ data: { organizationId, object, name: input.name, ownerUserId, config: input.config as Prisma.InputJsonObject }, select: SELECT });
  return toView(row, userId);
}

/** Deletes the views the caller may delete; NOT_FOUND when none of them is reachable. */
export async function deleteViews(db: TenantDb, object: ViewObject, viewIds: readonly string[], userId: string, canShare: boolean): Promise<string[]> {
  const rows = await db.crmSavedView.findMany({ where: { id: { in: [...viewIds] }, object, OR: [{ ownerUserId: null }, { ownerUserId: userId }] }, select: { id: true, ownerUserId: true } });
  if (rows.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "View not found." });
  if (rows.some((r) => r.ownerUserId === null) && !canShare) throw new TRPCError({ code: "FORBIDDEN", message: "Only members who may edit records delete shared views." });
  const ids = rows.map((r) => r.id);
  await db.crmSavedView.deleteMany({ where: { id: { in: ids } } });
  return ids;
}
