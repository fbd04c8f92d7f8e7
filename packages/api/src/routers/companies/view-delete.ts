import { can } from "../../rbac";
import { savedViewDeleteInput } from "../../schemas/crm/saved-views";
import { deleteViews } from "../../services/crm/saved-views";
import { crmProcedure } from "../../trpc/crm";

/** Deletes the caller's own views; shared ones only for those who may share (companies.update). */
export const deleteCompanyView = crmProcedure("companies.read")
  .input(savedViewDeleteInput)
  .mutation(async ({ ctx, input }) => {
    const ids = await deleteViews(ctx.db, "COMPANY", input.viewIds, ctx.user.id, can(ctx.role, "companies.update"));
    ctx.audit.target("crm_saved_view", ids[0] ?? input.viewIds[0] ?? ctx.org.id);
    ctx.audit.note({ viewIds: ids });
    return { deleted: ids.length };
  });
