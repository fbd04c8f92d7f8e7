import { can } from "../../rbac";
import { pageIdInput } from "../../schemas/pages";
import { deletePage } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

/**
 * Soft delete (pages.restore undoes it). Deleting a live page takes it offline, which is
 * publishing-level: without pages.publish a live page must be unpublished by someone who has it.
 */
export const deletePageProcedure = orgProcedure("pages.edit")
  .input(pageIdInput)
  .mutation(async ({ ctx, input }) => {
    const result = await deletePage(pagesContextOf(ctx), input.pageId, { mayTakeOffline: can(ctx.role, "pages.publish") });
    ctx.audit.target("landing_page", input.pageId);
    return result;
  });
