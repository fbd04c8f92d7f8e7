import { orgProcedure } from "../../trpc/init";
import { formDuplicateInput } from "../../schemas/forms";
import { FORM_SELECT, findForm, presentForm } from "./shared";

/** A copy under a free "-copy" address, with no submissions and consent versions starting afresh. */
export const duplicateForm = orgProcedure("forms.edit")
  .input(formDuplicateInput)
  .mutation(async ({ ctx, input }) => {
    const source = await findForm(ctx.db, input.formId);
    const base = `${source.slug.slice(0, 50)}-copy`;
    const taken = new Set((await ctx.db.leadForm.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((f) => f.slug));
    let slug = base;
    for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
    const now = new Date().toISOString();
    const consents = (Array.isArray(source.consents) ? source.consents : []).map((c) => (c && typeof c === "object" ? { ...c, version: 1, since: now, previous: [] } : c));
    const form = await ctx.db.leadForm.create({
      data: {
        organizationId: ctx.org.id,
        name: `${source.name} (copy)`.slice(0, 200),
        slug,
        definition: source.definition ?? {},
        consents,
        doubleOptIn: source.doubleOptIn,
        thankYou: source.thankYou ?? {},
        ownerUserId: source.ownerUserId,
        tags: source.tags,
        revision: 1,
        createdById: ctx.user.id,
      },
      select: FORM_SELECT,
    });
    ctx.audit.target("lead_form", form.id);
    return presentForm(form);
  });
