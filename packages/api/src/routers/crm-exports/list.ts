import { crmProcedure } from "../../trpc/crm";
import { listCrmExportsInput } from "../../schemas/crm/exports";
import { EXPORT_SELECT, ownExportsWhere, presentExport } from "../../services/crm/exports/background";

/** The caller's exports (ownExportsWhere), newest first: the Exports page polls this while one is prepared. */
export const listCrmExports = crmProcedure("contacts.export")
  .input(listCrmExportsInput)
  .query(async ({ ctx, input }) => {
    const rows = await ctx.db.crmExport.findMany({ where: ownExportsWhere(ctx), orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: input.limit, select: EXPORT_SELECT });
    return rows.map((r) => presentExport(r));
  });
