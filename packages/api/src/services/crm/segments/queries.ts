import { Prisma, type TenantDb } from "@mg/db";
import type { RecordVisibility } from "../record-visibility";
import type { SegmentFilter } from "../../../schemas/crm/segment";
import { liveContactsSql, segmentWhereSql, type SegmentScope } from "./compile";

/** A row of a member page (the segment preview, a list's members): what the table shows. */
export interface SegmentMember {
  id: string;
  firstName: string | null;
  lastName: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  jobTitle: string | null;
  lifecycleStage: string;
  score: number;
  tags: string[];
  ownerUserId: string | null;
  companyId: string | null;
  companyName: string | null;
  createdAt: Date;
}

export interface MemberPage {
  items: SegmentMember[];
  nextCursor: string | null;
}

/** The scope of a tenant client: its organization, and the caller's record visibility. */
export function scopeOf(db: TenantDb, visibility: RecordVisibility): SegmentScope {
  return { organizationId: db.$organizationId, visibility };
}

/** How many contacts match: one COUNT over the compiled WHERE, nothing loaded into memory. */
export function countSegmentSql(filter: SegmentFilter, scope: SegmentScope): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS count FROM contacts c WHERE ${segmentWhereSql(filter, scope)}`;
}

export async function countSegment(db: TenantDb, visibility: RecordVisibility, filter: SegmentFilter): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>(countSegmentSql(filter, scopeOf(db, visibility)));
  return rows[0]?.count ?? 0;
}

/**
 * A page of contacts where `where` holds, newest first, keyset by (created_at, id) on the
 * `(organization_id, created_at DESC, id DESC)` index. The cursor is a contact id whose position
 * is read by primary key within the organization: an id of another organization (or of nobody)
 * has no position, and the page is empty.
 */
export function memberPageSql(where: Prisma.Sql, scope: SegmentScope, page: { cursor?: string | undefined; limit: number }): Prisma.Sql {
  const org = Prisma.sql`${scope.organizationId}::uuid`;
  const keyset = page.cursor
    ? Prisma.sql`AND (c.created_at, c.id) < ((SELECT k.created_at FROM contacts k WHERE k.organization_id = ${org} AND k.id = ${page.cursor}::uuid), ${page.cursor}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
    SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.primary_email AS "primaryEmail", c.primary_phone AS "primaryPhone",
           c.job_title AS "jobTitle", c.lifecycle_stage::text AS "lifecycleStage", c.score, c.tags, c.owner_user_id AS "ownerUserId",
           c.company_id AS "companyId",
           (SELECT co.name FROM companies co WHERE co.organization_id = ${org} AND co.id = c.company_id) AS "companyName",
           c.created_at AS "createdAt"
    FROM contacts c
    WHERE ${where} ${keyset}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${page.limit + 1}`;
}

export function pageSegmentSql(filter: SegmentFilter, scope: SegmentScope, page: { cursor?: string | undefined; limit: number }): Prisma.Sql {
  return memberPageSql(segmentWhereSql(filter, scope), scope, page);
}

async function runPage(db: TenantDb, sql: Prisma.Sql, limit: number): Promise<MemberPage> {
  const rows = await db.$queryRaw<SegmentMember[]>(sql);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export function pageSegment(db: TenantDb, visibility: RecordVisibility, filter: SegmentFilter, page: { cursor?: string | undefined; limit: number }): Promise<MemberPage> {
  return runPage(db, pageSegmentSql(filter, scopeOf(db, visibility), page), page.limit);
}

/** A static list's members, with the same row shape and keyset as a segment's. */
export function pageListMembers(db: TenantDb, visibility: RecordVisibility, listId: string, page: { cursor?: string | undefined; limit: number }): Promise<MemberPage> {
  const scope = scopeOf(db, visibility);
  const org = Prisma.sql`${scope.organizationId}::uuid`;
  const where = Prisma.sql`${liveContactsSql(scope)} AND EXISTS (SELECT 1 FROM contact_list_members m WHERE m.organization_id = ${org} AND m.list_id = ${listId}::uuid AND m.contact_id = c.id)`;
  return runPage(db, memberPageSql(where, scope, page), page.limit);
}
