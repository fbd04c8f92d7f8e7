import { setContactImportRunner } from "@mg/jobs";
import { markContactImportFailed, runContactImport } from "./run";

/**
 * Hands the import's runner to the job package (which cannot import @mg/api: the dependency goes
 * the other way). Loaded by the contact-imports router, so any process serving the API has it.
 */
setContactImportRunner({
  run: (input) => runContactImport(input),
  fail: (input) => markContactImportFailed(input.organizationId, input.importId, input.reason),
});
