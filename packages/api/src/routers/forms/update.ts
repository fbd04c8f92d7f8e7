import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { formUpdateInput } from "../../schemas/forms";
import { assertSlugFree, FORM_SELECT, findForm, presentForm, writeData } from "./shared";

/**
 * Saves the builder: the revision goes up by one (rendered forms say which revision they showed),
 * consent wording edits bump that item's version, and an editor working on an older revision gets
 * CONFLICT instead of overwriting someone else's changes.
 */
export const updateForm = orgProcedure("forms.edit")
  .input(formUpdateInput)
  .mutation(async ({ ctx, input }) => {
    const current = await findForm(ctx.db, input.formId);
    if (current.revision !== input.revision) throw new TRPCError({ code: "CONFLICT", message: "Someone saved this form after you opened it. Reload to see their changes." });
    if (input.slug !== current.slug) await assertSlugFree(ctx.db, input.slug, current.id);
    const { formId, revision, ...write } = input;
    const data = await writeData(ctx.db, ctx.org, write, current.consents);
    const { count } = await ctx.db.leadForm.updateMany({ where: { id: formId, revision }, data: { ...data, revision: { increment: 1 } } });
    if (count === 0) throw new TRPCError({ code: "CONFLICT", message: "Someone saved this form after you opened it. Reload to see their changes." });
    ctx.audit.target("lead_form", formId);
    return presentForm(await ctx.db.leadForm.findFirstOrThrow({ where: { id: formId }, select: FORM_SELECT }));
  });
