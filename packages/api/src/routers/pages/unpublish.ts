import { pageIdInput } from "../../schemas/pages";
import { unpublish } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

export const unpublishPageProcedure = orgProcedure("pages.publish")
  .input(pageIdInput)
  .mutation(async ({ ctx, input }) => {
    const result = await unpublish(pagesContextOf(ctx), input.pageId);
    ctx.audit.target("landing_page", input.pageId);
    return result;
  });
