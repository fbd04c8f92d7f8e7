import { rollbackPageInput } from "../../schemas/pages";
import { rollbackPage } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

export const rollbackPageProcedure = orgProcedure("pages.publish")
  .input(rollbackPageInput)
  .mutation(async ({ ctx, input }) => {
    const result = await rollbackPage(pagesContextOf(ctx), input);
    ctx.audit.target("landing_page", input.pageId);
    ctx.audit.note({ restoredFrom: result.restoredFrom, versionId: result.versionId });
    return result;
  });
