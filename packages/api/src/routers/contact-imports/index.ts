import "../../services/crm/import/register";
import { createTRPCRouter } from "../../trpc/init";
import { cancelContactImport } from "./cancel";
import { contactImportErrorReport } from "./error-report";
import { getContactImport } from "./get";
import { listContactImports } from "./list";
import { previewContactImport } from "./preview";
import { startContactImport } from "./start";
import { undoContactImportProcedure } from "./undo";

export const contactImportsRouter = createTRPCRouter({
  preview: previewContactImport,
  start: startContactImport,
  get: getContactImport,
  list: listContactImports,
  cancel: cancelContactImport,
  errorReport: contactImportErrorReport,
  undo: undoContactImportProcedure,
});
