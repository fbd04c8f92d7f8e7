import { contactImportRequested, contactImportRequestedData } from "../events";
import { chunkedRunFunction } from "./chunked-run";
import { contactImportRunner } from "./contact-import-runner";

/**
 * The contact import's durable run (./chunked-run.ts): chunks of 5,000 rows in budgeted steps, one
 * import at a time per organization — its chunks lock the same contacts.
 */
export const contactImportFn = chunkedRunFunction({
  id: "crm-contact-import",
  name: "Import contacts (chunks)",
  trigger: [contactImportRequested],
  keyOf: (data) => contactImportRequestedData.parse(data),
  runner: contactImportRunner,
});
