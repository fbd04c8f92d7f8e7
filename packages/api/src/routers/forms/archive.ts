import { orgProcedure } from "../../trpc/init";
import { formArchiveInput } from "../../schemas/forms";
import { findForm } from "./shared";

/** Archived forms stop accepting submissions (their pages answer 404) and keep every submission; restoring reopens them. */
export const archiveForm = orgProcedure("forms.edit")
  .input(formArchiveInput)
  .mutation(async ({ ctx, input }) => {
    const form = await findForm(ctx.db, input.formId);
    const status = input.archived ? "ARCHIVED" : "ACTIVE";
    if (form.status !== status) await ctx.db.leadForm.updateMany({ where: { id: form.id }, data: { status } });
    ctx.audit.target("lead_form", form.id);
    ctx.audit.note({ archived: input.archived });
    return { id: form.id, status };
  });
