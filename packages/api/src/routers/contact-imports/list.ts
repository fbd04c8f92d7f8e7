import { crmProcedure } from "../../trpc/crm";
import { listContactImportsInput } from "../../schemas/crm/contact-import";
import { IMPORT_SELECT, presentImport } from "./shared";

/** Import history, newest first (keyset on createdAt, id). */
export const listContactImports = crmProcedure("contacts.import")
  .input(listContactImportsInput)
  .query(async ({ ctx, input }) => {
    const cursor = input.cursor ? await ctx.db.contactImport.findFirst({ where: { id: input.cursor }, select: { id: true, createdAt: true } }) : null;
    const rows = await ctx.db.contactImport.findMany({
      where: cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {},
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit + 1,
      select: IMPORT_SELECT,
    });
    const page = rows.slice(0, input.limit);
    return { items: page.map(presentImport), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
  });
