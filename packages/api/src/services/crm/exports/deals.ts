import type { Prisma } from "@mg/db";
import type { DealExportInput } from "../../../schemas/crm/exports";
import { customCells, decimalCell, exportFields, ownerEmails } from "./custom-columns";
import { afterCursor, cursorOf, PAGE_ORDER } from "./keyset";
import type { ExportSource, SourceContext } from "./source";

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

const STATUS_KIND = { open: "OPEN", won: "WON", lost: "LOST" } as const;

/**
 * Deals with their amount as an exact decimal in the deal's currency, through the Prisma delegate
 * (record visibility applied by the caller's client); a deal's contacts are only those the caller
 * may see themselves.
 */
export async function dealExportSource(ctx: SourceContext, input: DealExportInput): Promise<ExportSource> {
  const { db, visibility } = ctx;
  const where: Prisma.DealWhereInput = {
    deletedAt: null,
    ...(input.pipelineId ? { pipelineId: input.pipelineId } : {}),
    ...(input.status !== "any" ? { stage: { kind: STATUS_KIND[input.status] } } : {}),
    ...(input.dealIds ? { id: { in: input.dealIds } } : {}),
  };
  // One after the other: statements of one transaction share its connection.
  const fields = await exportFields(db, "DEAL", ctx.fieldIds);
  const owners = await ownerEmails(db, ctx.parentId);
  return {
    label: input.dealIds ? "selection" : input.status,
    header: [...DEAL_COLUMNS, ...fields.map((f) => f.label)],
    fieldIds: fields.map((f) => f.id),
    count: () => db.deal.count({ where }),
    async page(after, limit) {
      const page = await db.deal.findMany({
        where: { AND: [where, afterCursor(after)] },
        orderBy: PAGE_ORDER,
        take: limit,
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
      const custom = await customCells(
        db,
        "DEAL",
        fields,
        page.map((d) => d.id),
      );
      const rows = page.map((d) => {
        // Only the deal's contacts the caller may see themselves (own-records mode), live ones.
        const contacts = d.contacts
          .map((link) => link.contact)
          .filter((c) => c.deletedAt === null && c.mergedIntoId === null && (!visibility.ownOnly || c.ownerUserId === visibility.userId))
          .map((c) => {
            const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
            return c.primaryEmail ? (name ? `${name} <${c.primaryEmail}>` : c.primaryEmail) : name;
          });
        return [
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
        ];
      });
      return { rows, last: cursorOf(page) };
    },
  };
}
