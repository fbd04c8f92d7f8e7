import { pageIdInput } from "../../schemas/pages";
import { listVersions } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";

export const pageVersionsProcedure = orgProcedure("pages.read")
  .input(pageIdInput)
  .query(({ ctx, input }) => listVersions(ctx.db, input.pageId));
