import { updatePageSettingsInput } from "../../schemas/pages";
import { updatePageSettings } from "../../services/pages";
import { orgProcedure } from "../../trpc/init";
import { pagesContextOf } from "./context";

/** Name, address, SEO and thank-you. They reach the public page with the next publish. */
export const updatePageSettingsProcedure = orgProcedure("pages.edit")
  .input(updatePageSettingsInput)
  .mutation(async ({ ctx, input }) => {
    const page = await updatePageSettings(pagesContextOf(ctx), input);
    ctx.audit.target("landing_page", page.id);
    ctx.audit.note({ slugChanged: page.slugChanged });
    return page;
  });
