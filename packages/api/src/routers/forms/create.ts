import { orgProcedure } from "../../trpc/init";
import { formWriteInput } from "../../schemas/forms";
import { assertSlugFree, FORM_SELECT, presentForm, writeData } from "./shared";

export const createForm = orgProcedure("forms.edit")
  .input(formWriteInput)
  .mutation(async ({ ctx, input }) => {
    await assertSlugFree(ctx.db, input.slug);
    const data = await writeData(ctx.db, ctx.org, input, []);
    const form = await ctx.db.leadForm.create({ data: { organizationId: ctx.org.id, ...data, createdById: ctx.user.id, revision: 1 }, select: FORM_SELECT });
    ctx.audit.target("lead_form", form.id);
    return presentForm(form);
  });
