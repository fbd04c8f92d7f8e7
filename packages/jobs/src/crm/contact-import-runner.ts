import type { ContactImportRequestedData } from "../events";
import { chunkedRunRegistry, type ChunkedRunner, type ChunkedRunResult } from "./chunked-run-registry";

/** The contact import's runner, handed in by @mg/api (services/crm/import/register.ts). */
export type ContactImportRunResult = ChunkedRunResult;
export type ContactImportRunner = ChunkedRunner<ContactImportRequestedData>;

const registry = chunkedRunRegistry<ContactImportRequestedData>("contact-import");

export const setContactImportRunner = registry.set;
export const contactImportRunner = registry.runner;
/** Without an engine: the run starts in this process and the delivery returns at once. */
export const runContactImportLocally = registry.runLocally;
/** Waits for the imports this process started locally (tests, graceful shutdown). */
export const settleLocalContactImports = registry.settle;
