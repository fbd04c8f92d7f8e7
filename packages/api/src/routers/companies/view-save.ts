import { can } from "../../rbac";
import { savedViewSaveInput } from "../../schemas/crm/saved-views";
import { saveView } from "../../services/crm/saved-views";
import { crmProcedure } from "../../trpc/crm";

/** A personal view is anyone's who reads companies; a shared one needs companies.update. */
export const saveCompanyView = crmProcedure("companies.read")
  .input(savedViewSaveInput)
  .mutation(async ({ ctx, input }) => {
    const view = await saveView(ctx.db, ctx.org.id, "COMPANY", ctx.user.id, input, can(ctx.role, "companies.update"));
    ctx.audit.target("crm_saved_view", view.id);
    return view;
  });
