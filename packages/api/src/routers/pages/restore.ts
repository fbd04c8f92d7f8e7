import { pageIdInput } from "../../schemas/pages";
import { restorePage } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

export const restorePageProcedure = orgProcedure("pages.edit")
  .input(pageIdInput)
  .mutation(async ({ ctx, input }) => {
    const result = await restorePage(pagesContextOf(ctx), input.pageId);
    ctx.audit.target("landing_page", input.pageId);
    return result;
  });
