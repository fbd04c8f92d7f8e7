import { listPagesInput } from "../../schemas/pages";
import { listPages } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";

/** The organization's pages (or, with `deleted`, its recently deleted ones to restore). */
export const listPagesProcedure = orgProcedure("pages.read")
  .input(listPagesInput)
  .query(({ ctx, input }) => listPages(ctx.db, ctx.org.timezone, { deleted: input?.deleted }));
