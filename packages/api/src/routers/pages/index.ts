import { createTRPCRouter } from "../../trpc/init";
import { createPageProcedure } from "./create";
import { deletePageProcedure } from "./delete";
import { duplicatePageProcedure } from "./duplicate";
import { getPageProcedure } from "./get";
import { listPagesProcedure } from "./list";
import { publishPageProcedure } from "./publish";
import { restorePageProcedure } from "./restore";
import { rollbackPageProcedure } from "./rollback";
import { saveDraftProcedure } from "./save-draft";
import { schedulePageProcedure } from "./schedule";
import { pageTemplatesProcedure } from "./templates";
import { unpublishPageProcedure } from "./unpublish";
import { updatePageSettingsProcedure } from "./update-settings";
import { pageVersionsProcedure } from "./versions";

export const pagesRouter = createTRPCRouter({
  list: listPagesProcedure,
  get: getPageProcedure,
  templates: pageTemplatesProcedure,
  create: createPageProcedure,
  saveDraft: saveDraftProcedure,
  updateSettings: updatePageSettingsProcedure,
  duplicate: duplicatePageProcedure,
  delete: deletePageProcedure,
  restore: restorePageProcedure,
  publish: publishPageProcedure,
  unpublish: unpublishPageProcedure,
  schedule: schedulePageProcedure,
  versions: pageVersionsProcedure,
  rollback: rollbackPageProcedure,
});
