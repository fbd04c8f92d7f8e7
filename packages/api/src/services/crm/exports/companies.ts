import type { Prisma } from "@mg/db";
import type { CompanyExportInput } from "../../../schemas/crm/exports";
import { customCells, exportFields, ownerEmails } from "./custom-columns";
import { afterCursor, cursorOf, PAGE_ORDER } from "./keyset";
import type { ExportSource, SourceContext } from "./source";

export const COMPANY_COLUMNS = ["id", "name", "domain", "industry", "size", "country", "city", "owner_email", "contacts", "created_at", "updated_at"] as const;

/**
 * Companies, with their live contact counts, through the Prisma delegate — whose record
 * visibility (own records only) the caller's client already applies.
 */
export async function companyExportSource(ctx: SourceContext, input: CompanyExportInput): Promise<ExportSource> {
  const { db } = ctx;
  const where: Prisma.CompanyWhereInput = { deletedAt: null, mergedIntoId: null, ...(input.companyIds ? { id: { in: input.companyIds } } : {}) };
  // One after the other: statements of one transaction share its connection.
  const fields = await exportFields(db, "COMPANY", ctx.fieldIds);
  const owners = await ownerEmails(db, ctx.parentId);
  return {
    label: input.companyIds ? "selection" : "all",
    header: [...COMPANY_COLUMNS, ...fields.map((f) => f.label)],
    fieldIds: fields.map((f) => f.id),
    count: () => db.company.count({ where }),
    async page(after, limit) {
      const page = await db.company.findMany({
        where: { AND: [where, afterCursor(after)] },
        orderBy: PAGE_ORDER,
        take: limit,
        select: { id: true, name: true, domain: true, industry: true, size: true, country: true, address: true, ownerUserId: true, createdAt: true, updatedAt: true },
      });
      const ids = page.map((c) => c.id);
      const custom = await customCells(db, "COMPANY", fields, ids);
      const contactCounts =
        ids.length === 0 ? [] : await db.contact.groupBy({ by: ["companyId"], where: { companyId: { in: ids }, deletedAt: null, mergedIntoId: null }, _count: { _all: true } });
      const counts = new Map(contactCounts.map((c) => [c.companyId, c._count._all]));
      const rows = page.map((c) => {
        const address = (c.address ?? {}) as { city?: unknown };
        return [
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
        ];
      });
      return { rows, last: cursorOf(page) };
    },
  };
}
