import { crmExportRequested, crmExportRequestedData } from "../events";
import { chunkedRunFunction } from "./chunked-run";
import { crmExportRunner } from "./crm-export-runner";

/**
 * A CSV export's durable run (./chunked-run.ts): parts of a few thousand rows in budgeted steps,
 * one export at a time per organization so a tenant's million-row file cannot hold every worker.
 */
export const crmExportFn = chunkedRunFunction({
  id: "crm-export",
  name: "Export CRM records (parts)",
  trigger: [crmExportRequested],
  keyOf: (data) => crmExportRequestedData.parse(data),
  runner: crmExportRunner,
});
