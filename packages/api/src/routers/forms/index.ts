import "../../services/lead-forms/register";
import { createTRPCRouter } from "../../trpc/init";
import { archiveForm } from "./archive";
import { createForm } from "./create";
import { duplicateForm } from "./duplicate";
import { formEmbedSnippets } from "./embed-snippets";
import { exportSubmissionsCsv } from "./export-csv";
import { getForm } from "./get";
import { listForms } from "./list";
import { formRefusalStats } from "./refusal-stats";
import { reprocessSubmission } from "./reprocess";
import { getLeadCaptureSettings } from "./settings-get";
import { updateLeadCaptureSettings } from "./settings-update";
import { listSubmissions } from "./submissions";
import { updateForm } from "./update";

export const formsRouter = createTRPCRouter({
  list: listForms,
  get: getForm,
  create: createForm,
  update: updateForm,
  duplicate: duplicateForm,
  archive: archiveForm,
  submissions: listSubmissions,
  reprocess: reprocessSubmission,
  refusalStats: formRefusalStats,
  exportCsv: exportSubmissionsCsv,
  embedSnippets: formEmbedSnippets,
  settingsGet: getLeadCaptureSettings,
  settingsUpdate: updateLeadCaptureSettings,
});
