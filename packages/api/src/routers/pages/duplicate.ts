import { pageIdInput } from "../../schemas/pages";
import { duplicatePage } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

export const duplicatePageProcedure = orgProcedure("pages.edit")
  .input(pageIdInput)
  .mutation(async ({ ctx, input }) => {
    const page = await duplicatePage(pagesContextOf(ctx), input.pageId);
    ctx.audit.target("landing_page", page.id);
    ctx.audit.note({ duplicatedFrom: input.pageId });
    return page;
  });
