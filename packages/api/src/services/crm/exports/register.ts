import { setCrmExportRunner } from "@mg/jobs";
import { markExportFailed, runExport } from "./background";

/**
 * Hands the export's runner to the job package (which cannot import @mg/api: the dependency goes
 * the other way). Loaded by the crm-exports router, so any process serving the API has it.
 */
setCrmExportRunner({
  run: (input) => runExport(input),
  fail: (input) => markExportFailed(input.organizationId, input.exportId, input.reason),
});
