import { can } from "../../rbac";
import { savedViewSaveInput } from "../../schemas/crm/saved-views";
import { saveView } from "../../services/crm/saved-views";
import { crmProcedure } from "../../trpc/crm";

/** A personal view is anyone's who reads contacts; a shared one needs contacts.update. */
export const saveContactView = crmProcedure("contacts.read")
  .input(savedViewSaveInput)
  .mutation(async ({ ctx, input }) => {
    const view = await saveView(ctx.db, ctx.org.id, "CONTACT", ctx.user.id, input, can(ctx.role, "contacts.update"));
    ctx.audit.target("crm_saved_view", view.id);
    return view;
  });
