import type { CrmExportRequestedData } from "../events";
import { chunkedRunRegistry, type ChunkedRunner } from "./chunked-run-registry";

/** The CRM export's runner, handed in by @mg/api (services/crm/exports/register.ts). */
export type CrmExportRunner = ChunkedRunner<CrmExportRequestedData>;

const registry = chunkedRunRegistry<CrmExportRequestedData>("crm-export");

export const setCrmExportRunner = registry.set;
export const crmExportRunner = registry.runner;
export const runCrmExportLocally = registry.runLocally;
export const settleLocalCrmExports = registry.settle;
