import { logger as rootLogger } from "@mg/logger";
import type { ContactImportRequestedData } from "../events";

/**
 * The contact import's durable run. The import's domain logic (reading the file, deciding rows,
 * the set-based writes, the timeline) lives in @mg/api (services/crm/import), which depends on
 * this package — not the other way round — so the API hands its runner in at load time
 * (setContactImportRunner). The registry is on globalThis: Next bundles routes and instrumentation
 * separately, and each bundle would otherwise hold its own empty copy of this module.
 */
export interface ContactImportRunResult {
  done: boolean;
  status: string;
  processedRows: number;
  totalRows: number;
}

export interface ContactImportRunner {
  /** Processes chunks from the import's cursor until done/cancelled or `budgetMs` is spent. */
  run(input: { organizationId: string; importId: string; budgetMs?: number }): Promise<ContactImportRunResult>;
  /** The job gave up: mark the import FAILED (it can be resumed from its cursor). */
  fail(input: { organizationId: string; importId: string; reason: string }): Promise<void>;
}

const RUNNER = Symbol.for("mg.crm.contact-import.runner");
const IN_FLIGHT = Symbol.for("mg.crm.contact-import.in-flight");
type RegistryGlobal = typeof globalThis & { [RUNNER]?: ContactImportRunner; [IN_FLIGHT]?: Set<Promise<void>> };

export function setContactImportRunner(runner: ContactImportRunner): void {
  (globalThis as RegistryGlobal)[RUNNER] = runner;
}

export function contactImportRunner(): ContactImportRunner {
  const found = (globalThis as RegistryGlobal)[RUNNER];
  // Thrown, not swallowed: the engine retries the step and the outbox keeps the event, so the
  // import runs as soon as a process that loaded @mg/api picks it up.
  if (!found) throw new Error("the contact import runner is not loaded in this process (import @mg/api)");
  return found;
}

const log = rootLogger.child({ module: "contact-import" });

/**
 * Delivery without an engine: the run starts in this process and the delivery returns at once
 * (the request that started the import does not wait for 100,000 rows). The cursor makes it
 * resumable: if this process dies, "resume" sends the event again and the run continues.
 */
export function runContactImportLocally(data: ContactImportRequestedData): void {
  const g = globalThis as RegistryGlobal;
  const inFlight = (g[IN_FLIGHT] ??= new Set());
  const active = contactImportRunner();
  const run: Promise<void> = active
    .run({ organizationId: data.organizationId, importId: data.importId })
    .then(() => undefined)
    .catch(async (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      log.error({ err: error, importId: data.importId }, "contact import failed");
      await active.fail({ organizationId: data.organizationId, importId: data.importId, reason }).catch(() => undefined);
    })
    .finally(() => inFlight.delete(run));
  inFlight.add(run);
}

/** Waits for the imports this process started locally (tests, graceful shutdown). */
export async function settleLocalContactImports(): Promise<void> {
  const inFlight = (globalThis as RegistryGlobal)[IN_FLIGHT];
  while (inFlight && inFlight.size > 0) await Promise.all([...inFlight]);
}
