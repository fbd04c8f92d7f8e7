import { createPageInput } from "../../schemas/pages";
import { createPage } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

export const createPageProcedure = orgProcedure("pages.edit")
  .input(createPageInput)
  .mutation(async ({ ctx, input }) => {
    const page = await createPage(pagesContextOf(ctx), input);
    ctx.audit.target("landing_page", page.id);
    ctx.audit.note({ templateKey: input.templateKey ?? null });
    return page;
  });
