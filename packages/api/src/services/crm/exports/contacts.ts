import { TRPCError } from "@trpc/server";
import { Prisma, type TenantDb } from "@mg/db";
import { toCsv, type CsvValue } from "../../../csv/write-csv";
import { MAX_EXPORT_ROWS, type ContactExportScope } from "../../../schemas/crm/exports";
import type { RecordVisibility } from "../record-visibility";
import { liveContactsSql, segmentWhereSql, type SegmentScope } from "../segments/compile";
import { loadList } from "../segments/lists";
import { scopeOf } from "../segments/queries";
import { loadSegment } from "../segments/store";
import { customCells, exportFields, ownerEmails } from "./custom-columns";

/** Rows read per statement: a keyset page on (created_at, id), like the table's. */
export const EXPORT_PAGE_SIZE = 1_000;

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
      return { where: segmentWhereSql(segment.filter, segmentScope), label: `segment-${slug(segment.name)}` };
    }
    case "filter":
      return { where: segmentWhereSql(scope.filter, segmentScope), label: "filtered" };
    case "list": {
      const list = await loadList(db, scope.listId);
      return {
        where: Prisma.sql`${liveContactsSql(segmentScope)} AND EXISTS (SELECT 1 FROM contact_list_members m WHERE m.organization_id = ${org} AND m.list_id = ${list.id}::uuid AND m.contact_id = c.id)`,
        label: `list-${slug(list.name)}`,
      };
    }
    case "ids":
      return { where: Prisma.sql`${liveContactsSql(segmentScope)} AND c.id = ANY(${scope.contactIds}::uuid[])`, label: "selection" };
  }
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "export"
  );
}

export function tooManyRows(count: number, what: string): TRPCError {
  return new TRPCError({
    code: "PAYLOAD_TOO_LARGE",
    message: `This export holds ${count.toLocaleString("en")} ${what}; one file holds at most ${MAX_EXPORT_ROWS.toLocaleString("en")}. Narrow it with a segment or a list and export the parts.`,
  });
}

function pageSql(where: Prisma.Sql, scope: SegmentScope, afterId: string | null): Prisma.Sql {
  const org = Prisma.sql`${scope.organizationId}::uuid`;
  // The previous page's last row, its position read by primary key (as the members' pages do).
  const keyset = afterId
    ? Prisma.sql`AND (c.created_at, c.id) < ((SELECT k.created_at FROM contacts k WHERE k.organization_id = ${org} AND k.id = ${afterId}::uuid), ${afterId}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
    SELECT c.id, c.first_name AS "firstName", c.last_name AS "lastName", c.primary_email AS "primaryEmail", c.primary_phone AS "primaryPhone",
           c.job_title AS "jobTitle", co.name AS "companyName", co.domain AS "companyDomain", c.lifecycle_stage::text AS "lifecycleStage",
           c.score, c.tags, c.owner_user_id AS "ownerUserId", c.source, c.created_at AS "createdAt", c.updated_at AS "updatedAt"
    FROM contacts c
    LEFT JOIN companies co ON co.organization_id = ${org} AND co.id = c.company_id
    WHERE ${where} ${keyset}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${EXPORT_PAGE_SIZE}`;
}

/**
 * Contacts of a scope as CSV, through the formula-safe writer: the standard columns, then one per
 * custom field. Counted first (refused above MAX_EXPORT_ROWS), then read page by page.
 */
export async function exportContactsCsv(
  db: TenantDb,
  visibility: RecordVisibility,
  scope: ContactExportScope,
  /** The organization's agency, whose members may own its contacts (owner_email). */
  parentId: string | null,
): Promise<{ label: string; rowCount: number; csv: string }> {
  const segmentScope = scopeOf(db, visibility);
  const { where, label } = await scopeWhere(db, segmentScope, scope);
  const [{ count } = { count: 0 }] = await db.$queryRaw<{ count: number }[]>(Prisma.sql`SELECT count(*)::int AS count FROM contacts c WHERE ${where}`);
  if (count > MAX_EXPORT_ROWS) throw tooManyRows(count, "contacts");
  // One after the other: statements of one transaction share its connection.
  const fields = await exportFields(db, "CONTACT");
  const owners = await ownerEmails(db, parentId);
  const rows: CsvValue[][] = [[...CONTACT_COLUMNS, ...fields.map((f) => f.label)]];
  let after: string | null = null;
  for (;;) {
    const page: ExportRow[] = await db.$queryRaw<ExportRow[]>(pageSql(where, segmentScope, after));
    if (page.length === 0) break;
    const custom = await customCells(
      db,
      "CONTACT",
      fields,
      page.map((r) => r.id),
    );
    for (const r of page) {
      rows.push([
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
    }
    const last = page.at(-1);
    if (!last || page.length < EXPORT_PAGE_SIZE || rows.length > MAX_EXPORT_ROWS) break;
    after = last.id;
  }
  return { label, rowCount: rows.length - 1, csv: toCsv(rows) };
}
