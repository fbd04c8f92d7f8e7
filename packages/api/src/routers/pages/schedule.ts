import { schedulePageInput } from "../../schemas/pages";
import { schedulePage } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

export const schedulePageProcedure = orgProcedure("pages.publish")
  .input(schedulePageInput)
  .mutation(async ({ ctx, input }) => {
    const page = await schedulePage(pagesContextOf(ctx), input);
    ctx.audit.target("landing_page", page.id);
    ctx.audit.note({ publishAt: page.publishAt?.at ?? null, unpublishAt: page.unpublishAt?.at ?? null });
    return page;
  });
