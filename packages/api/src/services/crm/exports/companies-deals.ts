import type { Prisma, TenantDb } from "@mg/db";
import { toCsv, type CsvValue } from "../../../csv/write-csv";
import { MAX_EXPORT_ROWS } from "../../../schemas/crm/exports";
import type { RecordVisibility } from "../record-visibility";
import { customCells, decimalCell, exportFields, ownerEmails } from "./custom-columns";
import { EXPORT_PAGE_SIZE, tooManyRows } from "./contacts";

/**
 * Companies and deals as CSV. These go through the Prisma delegates, whose record visibility
 * (own records only) crmProcedure already applies, in keyset pages of EXPORT_PAGE_SIZE by
 * (created_at DESC, id DESC) — the cursor is the previous page's last row.
 */

export const COMPANY_COLUMNS = ["id", "name", "domain", "industry", "size", "country", "city", "owner_email", "contacts", "created_at", "updated_at"] as const;
export const DEAL_COLUMNS = [
  "id",
  "name",
  "pipeline",
  "stage",
  "status",
  "amount",
  "currency",
  "expected_close_on",
  "owner_email",
  "company",
  "contacts",
  "lost_reason",
  "closed_at",
  "created_at",
] as const;

const pageOrder = [{ createdAt: "desc" as const }, { id: "desc" as const }];

type Cursor = { createdAt: Date; id: string };

/** Rows after `last` in (created_at DESC, id DESC) order. */
function after(last: Cursor | null) {
  return last ? { OR: [{ createdAt: { lt: last.createdAt } }, { createdAt: last.createdAt, id: { lt: last.id } }] } : {};
}

export async function exportCompaniesCsv(db: TenantDb, input: { companyIds?: string[] | undefined }, parentId: string | null): Promise<{ rowCount: number; csv: string }> {
  const where: Prisma.CompanyWhereInput = { deletedAt: null, mergedIntoId: null, ...(input.companyIds ? { id: { in: input.companyIds } } : {}) };
  const count = await db.company.count({ where });
  if (count > MAX_EXPORT_ROWS) throw tooManyRows(count, "companies");
  // One after the other: statements of one transaction share its connection.
  const fields = await exportFields(db, "COMPANY");
  const owners = await ownerEmails(db, parentId);
  const rows: CsvValue[][] = [[...COMPANY_COLUMNS, ...fields.map((f) => f.label)]];
  const readPage = (last: Cursor | null) =>
    db.company.findMany({
      where: { AND: [where, after(last)] },
      orderBy: pageOrder,
      take: EXPORT_PAGE_SIZE,
      select: { id: true, name: true, domain: true, industry: true, size: true, country: true, address: true, ownerUserId: true, createdAt: true, updatedAt: true },
    });
  let last: Cursor | null = null;
  for (;;) {
    const page = await readPage(last);
    if (page.length === 0) break;
    const ids = page.map((c) => c.id);
    const custom = await customCells(db, "COMPANY", fields, ids);
    const contactCounts = await db.contact.groupBy({ by: ["companyId"], where: { companyId: { in: ids }, deletedAt: null, mergedIntoId: null }, _count: { _all: true } });
    const counts = new Map(contactCounts.map((c) => [c.companyId, c._count._all]));
    for (const c of page) {
      const address = (c.address ?? {}) as { city?: unknown };
      rows.push([
        c.id,
        c.name,
        c.domain,
        c.industry,
        c.size,
        c.country,
        typeof address.city === "string" ? address.city : null,
        c.ownerUserId ? (owners.get(c.ownerUserId) ?? null) : null,
        counts.get(c.id) ?? 0,
        c.createdAt.toISOString(),
        c.updatedAt.toISOString(),
        ...(custom.get(c.id) ?? []),
      ]);
    }
    const tail = page.at(-1);
    last = tail ? { createdAt: tail.createdAt, id: tail.id } : null;
    if (page.length < EXPORT_PAGE_SIZE) break;
  }
  return { rowCount: rows.length - 1, csv: toCsv(rows) };
}

const STATUS_KIND = { open: "OPEN", won: "WON", lost: "LOST" } as const;

export async function exportDealsCsv(
  db: TenantDb,
  visibility: RecordVisibility,
  input: { pipelineId?: string | undefined; status: "any" | "open" | "won" | "lost"; dealIds?: string[] | undefined },
  parentId: string | null,
): Promise<{ rowCount: number; csv: string }> {
  const where: Prisma.DealWhereInput = {
    deletedAt: null,
    ...(input.pipelineId ? { pipelineId: input.pipelineId } : {}),
    ...(input.status !== "any" ? { stage: { kind: STATUS_KIND[input.status] } } : {}),
    ...(input.dealIds ? { id: { in: input.dealIds } } : {}),
  };
  const count = await db.deal.count({ where });
  if (count > MAX_EXPORT_ROWS) throw tooManyRows(count, "deals");
  // One after the other: statements of one transaction share its connection.
  const fields = await exportFields(db, "DEAL");
  const owners = await ownerEmails(db, parentId);
  const rows: CsvValue[][] = [[...DEAL_COLUMNS, ...fields.map((f) => f.label)]];
  const readPage = (last: Cursor | null) =>
    db.deal.findMany({
      where: { AND: [where, after(last)] },
      orderBy: pageOrder,
      take: EXPORT_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        amountMinor: true,
        currency: true,
        expectedCloseOn: true,
        ownerUserId: true,
        lostReason: true,
        closedAt: true,
        createdAt: true,
        pipeline: { select: { name: true } },
        stage: { select: { name: true, kind: true } },
        company: { select: { name: true, deletedAt: true } },
        contacts: {
          orderBy: { createdAt: "asc" },
          select: { contact: { select: { firstName: true, lastName: true, primaryEmail: true, ownerUserId: true, deletedAt: true, mergedIntoId: true } } },
        },
      },
    });
  let last: Cursor | null = null;
  for (;;) {
    const page = await readPage(last);
    if (page.length === 0) break;
    const custom = await customCells(
      db,
      "DEAL",
      fields,
      page.map((d) => d.id),
    );
    for (const d of page) {
      // Only the deal's contacts the caller may see themselves (own-records mode), live ones.
      const contacts = d.contacts
        .map((link) => link.contact)
        .filter((c) => c.deletedAt === null && c.mergedIntoId === null && (!visibility.ownOnly || c.ownerUserId === visibility.userId))
        .map((c) => {
          const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
          return c.primaryEmail ? (name ? `${name} <${c.primaryEmail}>` : c.primaryEmail) : name;
        });
      rows.push([
        d.id,
        d.name,
        d.pipeline.name,
        d.stage.name,
        d.stage.kind.toLowerCase(),
        decimalCell(d.amountMinor, d.currency),
        d.currency,
        d.expectedCloseOn,
        d.ownerUserId ? (owners.get(d.ownerUserId) ?? null) : null,
        d.company && d.company.deletedAt === null ? d.company.name : null,
        contacts.join("; "),
        d.lostReason,
        d.closedAt?.toISOString() ?? null,
        d.createdAt.toISOString(),
        ...(custom.get(d.id) ?? []),
      ]);
    }
    const tail = page.at(-1);
    last = tail ? { createdAt: tail.createdAt, id: tail.id } : null;
    if (page.length < EXPORT_PAGE_SIZE) break;
  }
  return { rowCount: rows.length - 1, csv: toCsv(rows) };
}
