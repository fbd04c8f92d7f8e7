import { TRPCError } from "@trpc/server";
import { Prisma, type TenantDb } from "@mg/db";
import type { RecordVisibility } from "../record-visibility";
import type { SegmentFilter } from "../../../schemas/crm/segment";
import { liveContactsSql, segmentWhereSql } from "./compile";
import { scopeOf } from "./queries";

/**
 * Static lists: explicit members. Every change is one set-based statement (INSERT … SELECT,
 * DELETE … WHERE) — a snapshot of a million-contact segment never passes through this process.
 * Only live contacts the caller may see are ever added: ids of another organization's contacts,
 * deleted ones or someone else's (own-records mode) are skipped like ids of nobody.
 */

export const LIST_SELECT = { id: true, name: true, description: true, archivedAt: true, createdById: true, createdAt: true, updatedAt: true } as const;

export async function loadList(db: TenantDb, listId: string) {
  const list = await db.contactList.findFirst({ where: { id: listId }, select: LIST_SELECT });
  if (!list) throw new TRPCError({ code: "NOT_FOUND", message: "List not found." });
  return list;
}

export async function assertListNameFree(db: TenantDb, name: string, exceptId?: string): Promise<void> {
  const existing = await db.contactList.findFirst({ where: { name, ...(exceptId ? { id: { not: exceptId } } : {}) }, select: { id: true } });
  if (existing) throw new TRPCError({ code: "CONFLICT", message: `A list named "${name}" already exists.` });
}

export function assertListOpen(list: { archivedAt: Date | null }): void {
  if (list.archivedAt) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This list is archived. Restore it to change its members." });
}

/** Live, visible members per list (what the lists page shows), in one grouped statement. */
export async function memberCounts(db: TenantDb, visibility: RecordVisibility, listIds: string[]): Promise<Map<string, number>> {
  if (listIds.length === 0) return new Map();
  const scope = scopeOf(db, visibility);
  const rows = await db.$queryRaw<{ listId: string; count: number }[]>(Prisma.sql`
    SELECT m.list_id AS "listId", count(*)::int AS count
    FROM contact_list_members m JOIN contacts c ON c.organization_id = m.organization_id AND c.id = m.contact_id
    WHERE m.organization_id = ${scope.organizationId}::uuid AND m.list_id = ANY(${listIds}::uuid[]) AND ${liveContactsSql(scope)}
    GROUP BY m.list_id`);
  return new Map(rows.map((r) => [r.listId, r.count]));
}

function insertMembersSql(listId: string, organizationId: string, source: string, contactIdsSql: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO contact_list_members (organization_id, list_id, contact_id, source)
    SELECT ${organizationId}::uuid, ${listId}::uuid, picked.id, ${source} FROM (${contactIdsSql}) picked
    ON CONFLICT (organization_id, list_id, contact_id) DO NOTHING`;
}

/** Adds the given contacts (those that exist, are live and visible); returns how many were new. */
export function addMembers(db: TenantDb, visibility: RecordVisibility, listId: string, contactIds: string[]): Promise<number> {
  const scope = scopeOf(db, visibility);
  const picked = Prisma.sql`SELECT c.id FROM contacts c WHERE ${liveContactsSql(scope)} AND c.id = ANY(${contactIds}::uuid[])`;
  return db.$executeRaw(insertMembersSql(listId, scope.organizationId, "manual", picked));
}

/** Removes the given contacts (a member kept to own records removes only their own). */
export function removeMembers(db: TenantDb, visibility: RecordVisibility, listId: string, contactIds: string[]): Promise<number> {
  const scope = scopeOf(db, visibility);
  const owned = visibility.ownOnly
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM contacts c WHERE c.organization_id = m.organization_id AND c.id = m.contact_id AND c.owner_user_id = ${visibility.userId}::uuid)`
    : Prisma.empty;
  return db.$executeRaw(Prisma.sql`
    DELETE FROM contact_list_members m
    WHERE m.organization_id = ${scope.organizationId}::uuid AND m.list_id = ${listId}::uuid AND m.contact_id = ANY(${contactIds}::uuid[]) ${owned}`);
}

/** Copies a segment's current members into a list: one INSERT … SELECT over the compiled filter. */
export function snapshotIntoList(db: TenantDb, visibility: RecordVisibility, listId: string, filter: SegmentFilter): Promise<number> {
  const scope = scopeOf(db, visibility);
  const picked = Prisma.sql`SELECT c.id FROM contacts c WHERE ${segmentWhereSql(filter, scope)}`;
  return db.$executeRaw(insertMembersSql(listId, scope.organizationId, "segment", picked));
}
