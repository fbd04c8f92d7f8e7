import { pageIdInput } from "../../schemas/pages";
import { getPage } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";

export const getPageProcedure = orgProcedure("pages.read")
  .input(pageIdInput)
  .query(({ ctx, input }) => getPage(ctx.db, ctx.org.timezone, input.pageId));
