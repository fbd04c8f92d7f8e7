import { z } from "zod";
import { orgProcedure } from "../../trpc/init";
import { formIdInput } from "../../schemas/forms";
import { embedSnippets, findForm, presentForm } from "./shared";

/** One form for the builder, with the contact custom fields it may map to and its public snippets. */
export const getForm = orgProcedure("forms.read")
  .input(formIdInput)
  .query(async ({ ctx, input }) => {
    const form = await findForm(ctx.db, input.formId);
    const customFields = await ctx.db.customFieldDefinition.findMany({
      where: { object: "CONTACT", archivedAt: null },
      orderBy: [{ position: "asc" }, { label: "asc" }],
      select: { id: true, label: true, type: true, options: true },
    });
    return {
      form: presentForm(form),
      customFields: customFields.map((f) => ({ ...f, options: z.array(z.object({ id: z.string(), label: z.string() }).loose()).catch([]).parse(f.options).map((o) => ({ id: o.id, label: o.label })) })),
      snippets: embedSnippets(ctx.org.slug, form.slug, form.name),
    };
  });
