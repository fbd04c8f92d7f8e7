import { logger as rootLogger } from "@mg/logger";

/**
 * A CRM job that works through one record in chunks from a cursor it keeps itself (a contact
 * import, an export). The domain logic lives in @mg/api, which depends on this package — not the
 * other way round — so the API hands its runner in at load time. The registry is on globalThis:
 * Next bundles routes and instrumentation separately, and each bundle would otherwise hold its
 * own empty copy of this module.
 */
export interface ChunkedRunResult {
  done: boolean;
  status: string;
  processedRows: number;
  totalRows: number;
}

export interface ChunkedRunner<Key> {
  /** Processes chunks from the cursor until done/cancelled or `budgetMs` is spent. */
  run(input: Key & { budgetMs?: number }): Promise<ChunkedRunResult>;
  /** The job gave up: the record says so (it can be resumed from its cursor). */
  fail(input: Key & { reason: string }): Promise<void>;
}

type RegistryGlobal = typeof globalThis & Record<symbol, unknown>;

export function chunkedRunRegistry<Key extends { organizationId: string }>(name: string) {
  const RUNNER = Symbol.for(`mg.crm.${name}.runner`);
  const IN_FLIGHT = Symbol.for(`mg.crm.${name}.in-flight`);
  const g = globalThis as RegistryGlobal;
  const log = rootLogger.child({ module: name });

  function runner(): ChunkedRunner<Key> {
    const found = g[RUNNER] as ChunkedRunner<Key> | undefined;
    // Thrown, not swallowed: the engine retries the step and the outbox keeps the event, so the
    // work runs as soon as a process that loaded @mg/api picks it up.
    if (!found) throw new Error(`the ${name} runner is not loaded in this process (import @mg/api)`);
    return found;
  }

  return {
    set(next: ChunkedRunner<Key>): void {
      g[RUNNER] = next;
    },
    runner,
    /**
     * Delivery without an engine: the run starts in this process and the delivery returns at once
     * (the request that asked for it does not wait). The cursor makes it resumable: if this process
     * dies, a resume sends the event again and the run continues.
     */
    runLocally(key: Key): void {
      const inFlight = (g[IN_FLIGHT] ??= new Set<Promise<void>>()) as Set<Promise<void>>;
      const active = runner();
      const run: Promise<void> = active
        .run(key)
        .then(() => undefined)
        .catch(async (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          log.error({ err: error, job: { ...key } } as Record<string, unknown>, `${name} failed`);
          await active.fail({ ...key, reason }).catch(() => undefined);
        })
        .finally(() => inFlight.delete(run));
      inFlight.add(run);
    },
    /** Waits for the runs this process started locally (tests, graceful shutdown). */
    async settle(): Promise<void> {
      const inFlight = g[IN_FLIGHT] as Set<Promise<void>> | undefined;
      while (inFlight && inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

