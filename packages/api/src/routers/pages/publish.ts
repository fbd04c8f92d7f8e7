import { publishPageInput } from "../../schemas/pages";
import { publishPage } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

export const publishPageProcedure = orgProcedure("pages.publish")
  .input(publishPageInput)
  .mutation(async ({ ctx, input }) => {
    const result = await publishPage(pagesContextOf(ctx), input);
    ctx.audit.target("landing_page", input.pageId);
    ctx.audit.note({ versionId: result.versionId, number: result.number });
    return result;
  });
