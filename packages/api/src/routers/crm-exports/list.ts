import { crmProcedure } from "../../trpc/crm";
import { listCrmExportsInput } from "../../schemas/crm/exports";
import { EXPORT_PERMISSIONS, EXPORT_SELECT, presentExport } from "../../services/crm/exports/background";
import { can } from "../../rbac";

/**
 * The caller's exports, newest first: each holds what its requester could see, so a member sees
 * only their own (the Exports page polls this while one is being prepared).
 */
export const listCrmExports = crmProcedure("contacts.export")
  .input(listCrmExportsInput)
  .query(async ({ ctx, input }) => {
    const objects = (["CONTACT", "COMPANY", "DEAL"] as const).filter((o) => can(ctx.role, EXPORT_PERMISSIONS[o]));
    const rows = await ctx.db.crmExport.findMany({
      where: { requestedById: ctx.user.id, object: { in: objects } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: input.limit,
      select: EXPORT_SELECT,
    });
    return rows.map((r) => presentExport(r));
  });
