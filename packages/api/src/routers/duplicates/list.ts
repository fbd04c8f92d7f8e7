import { crmProcedure } from "../../trpc/crm";
import { listDuplicatesInput } from "../../schemas/crm/duplicates";
import { visibleContacts } from "./shared";

/**
 * The review queue: likely duplicate pairs, best first, each with both contacts side by side and
 * the reasons. A pair whose contact the caller cannot see (own records only) or that is no longer
 * live is left out.
 */
export const listDuplicates = crmProcedure("contacts.read")
  .input(listDuplicatesInput)
  .query(async ({ ctx, input }) => {
    const cursor = input.cursor ? await ctx.db.duplicateCandidate.findFirst({ where: { id: input.cursor }, select: { id: true, score: true } }) : null;
    const rows = await ctx.db.duplicateCandidate.findMany({
      where: {
        object: "CONTACT",
        status: input.status,
        ...(cursor ? { OR: [{ score: { lt: cursor.score } }, { score: cursor.score, id: { gt: cursor.id } }] } : {}),
      },
      orderBy: [{ score: "desc" }, { id: "asc" }],
      take: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const contacts = await visibleContacts(ctx.db, page.flatMap((r) => [r.recordAId, r.recordBId]));
    const items = page.flatMap((r) => {
      const a = contacts.get(r.recordAId);
      const b = contacts.get(r.recordBId);
      if (input.status !== "MERGED" && (!a || !b)) return [];
      return [{ id: r.id, score: r.score, reasons: r.reasons, status: r.status, createdAt: r.createdAt, a: a ?? null, b: b ?? null }];
    });
    return { items, nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
  });
