import { Prisma, type TenantDb } from "@mg/db";
import type { ContactExportScope } from "../../../schemas/crm/exports";
import { liveContactsSql, segmentWhereSql, type SegmentScope } from "../segments/compile";
import { loadList } from "../segments/lists";
import { scopeOf } from "../segments/queries";
import { loadSegment } from "../segments/store";
import { customCells, exportFields, ownerEmails } from "./custom-columns";
import { fileSlug, type ExportCursor, type ExportSource, type SourceContext } from "./source";

export const CONTACT_COLUMNS = [
  "id",
  "first_name",
  "last_name",
  "email",
  "phone",
  "job_title",
  "company",
  "company_domain",
  "lifecycle_stage",
  "score",
  "tags",
  "owner_email",
  "source",
  "created_at",
  "updated_at",
] as const;

interface ExportRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  jobTitle: string | null;
  companyName: string | null;
  companyDomain: string | null;
  lifecycleStage: string;
  score: number;
  tags: string[];
  ownerUserId: string | null;
  source: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The WHERE over `contacts c` for an export's scope (NOT_FOUND for a segment or list that is not this organization's). */
async function scopeWhere(db: TenantDb, segmentScope: SegmentScope, scope: ContactExportScope): Promise<{ where: Prisma.Sql; label: string }> {
  const org = Prisma.sql`${segmentScope.organizationId}::uuid`;
  switch (scope.kind) {
    case "all":
      return { where: liveContactsSql(segmentScope), label: "all" };
    case "segment": {
      const segment = await loadSegment(db, scope.segmentId);
      return { where: segmentWhereSql(segment.filter, segmentScope), label: `segment-${fileSlug(segment.name)}` };
    }
    case "filter":
      return { where: segmentWhereSql(scope.filter, segmentScope), label: "filtered" };
    case "list": {
      const list = await loadList(db, scope.listId);
      return {
        where: Prisma.sql`${liveContactsSql(segmentScope)} AND EXISTS (SELECT 1 FROM contact_list_members m WHERE m.organization_id = ${org} AND m.list_id = ${list.id}::uuid AND m.contact_id = c.id)`,
        label: `list-${fileSlug(list.name)}`,
      };
    }
    case "ids":
      return { where: Prisma.sql`${liveContactsSql(segmentScope)} AND c.id = ANY(${scope.contactIds}::uuid[])`, label: "selection" };
  }
}

function pageSql(where: Prisma.Sql, scope: SegmentScope, after: ExportCursor | null, limit: number): Prisma.Sql {
  const org = Prisma.sql`${scope.organizationId}::uuid`;
  // The cursor's own values, not a lookup of its row: an import undone meanwhile may have removed it.
  const keyset = after ? Prisma.sql`AND (c.created_at, c.id) < (${after.createdAt}, ${after.id}::uuid)` : Prisma.empty;
  return Prisma.sql`
    SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.primary_email AS "primaryEmail", c.primary_phone AS "primaryPhone",
           c.job_title AS "jobTitle", co.name AS "companyName", co.domain AS "companyDomain", c.lifecycle_stage::text AS "lifecycleStage",
           c.score, c.tags, c.owner_user_id AS "ownerUserId", c.source, c.created_at AS "createdAt", c.updated_at AS "updatedAt"
    FROM contacts c
    LEFT JOIN companies co ON co.organization_id = ${org} AND co.id = c.company_id
    WHERE ${where} ${keyset}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${limit}`;
}

/**
 * Contacts of a scope (a segment, a list, a filter, a selection, everyone), through raw SQL that
 * takes the caller's record visibility (liveContactsSql): the standard columns, then one per
 * custom field.
 */
export async function contactExportSource(ctx: SourceContext, scope: ContactExportScope): Promise<ExportSource> {
  const { db } = ctx;
  const segmentScope = scopeOf(db, ctx.visibility);
  const { where, label } = await scopeWhere(db, segmentScope, scope);
  // One after the other: statements of one transaction share its connection.
  const fields = await exportFields(db, "CONTACT", ctx.fieldIds);
  const owners = await ownerEmails(db, ctx.parentId);
  return {
    label,
    header: [...CONTACT_COLUMNS, ...fields.map((f) => f.label)],
    fieldIds: fields.map((f) => f.id),
    async count() {
      const [row] = await db.$queryRaw<{ count: number }[]>(Prisma.sql`SELECT count(*)::int AS count FROM contacts c WHERE ${where}`);
      return row?.count ?? 0;
    },
    async page(after, limit) {
      const page = await db.$queryRaw<ExportRow[]>(pageSql(where, segmentScope, after, limit));
      const custom = await customCells(
        db,
        "CONTACT",
        fields,
        page.map((r) => r.id),
      );
      const rows = page.map((r) => [
        r.id,
        r.firstName,
        r.lastName,
        r.primaryEmail,
        r.primaryPhone,
        r.jobTitle,
        r.companyName,
        r.companyDomain,
        r.lifecycleStage,
        r.score,
        r.tags.join("; "),
        r.ownerUserId ? (owners.get(r.ownerUserId) ?? null) : null,
        r.source,
        r.createdAt.toISOString(),
        r.updatedAt.toISOString(),
        ...(custom.get(r.id) ?? []),
      ]);
      const tail = page.at(-1);
      return { rows, last: tail ? { createdAt: tail.createdAt, id: tail.id } : null };
    },
  };
}
