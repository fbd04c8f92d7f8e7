import { orgProcedure } from "../../trpc/init";
import { formIdInput } from "../../schemas/forms";
import { embedSnippets, findForm } from "./shared";

/** The "Share & embed" tab: hosted link, script embed and iframe, ready to copy. */
export const formEmbedSnippets = orgProcedure("forms.read")
  .input(formIdInput)
  .query(async ({ ctx, input }) => {
    const form = await findForm(ctx.db, input.formId);
    return embedSnippets(ctx.org.slug, form.slug, form.name);
  });
