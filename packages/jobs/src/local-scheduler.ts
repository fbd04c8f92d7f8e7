import { logger as rootLogger } from "@mg/logger";
import { replayOutbox } from "./client";
import { createHousekeeping } from "./local-housekeeping";
import { runPublishingSweep, type SweepLogger, type SweepResult } from "./publishing/sweep";

export { dispatchDuePosts, type DispatchOptions, type DispatchResult } from "./publishing/sweep";

export interface LocalSchedulerOptions {
  /** Time between the end of one pass and the start of the next. */
  intervalMs?: number;
  /** Posts claimed per pass. */
  batchSize?: number;
  concurrency?: number;
  /** Only this organization's posts (tests, debugging). Default: all. */
  organizationId?: string;
  logger?: SweepLogger;
  /** Also run the engine's cron chores (metrics, A/B decisions, tokens, recurrences). Default true. */
  housekeeping?: boolean;
  /** Also relay waiting outbox events (to the engine if configured, else in-process). Default true. */
  relayEvents?: boolean;
}

const schedulerLog = rootLogger.child({ module: "local-scheduler" });
const defaultLogger: SweepLogger = {
  info: (message) => schedulerLog.info(message),
  warn: (message) => schedulerLog.warn(message),
};

/**
 * Publishes due posts without the job engine, for machines where the Inngest dev server cannot
 * run: the web app starts this (from Next's instrumentation) when the engine is unreachable.
 *
 * Each pass claims due posts with a conditional update (so several processes never take the same
 * post), publishes their targets through the ledger, retries stuck targets and verifies
 * acknowledged posts. It is safe next to the real engine: the ledger makes every target go out
 * exactly once whoever gets there first. Passes never overlap; the returned function stops the
 * loop and resolves once the pass in progress (if any) has finished.
 */
export function startLocalScheduler(options: LocalSchedulerOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 5_000;
  const logger = options.logger ?? defaultLogger;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<SweepResult | void> = Promise.resolve();
  const housekeeping = options.housekeeping === false ? null : createHousekeeping(logger, options.organizationId);

  const tick = async () => {
    if (stopped) return;
    current = runPublishingSweep({ limit: options.batchSize ?? 200, concurrency: options.concurrency, organizationId: options.organizationId, logger })
      .then(async (result) => {
        // Events of changes whose process died before delivering them (the transactional outbox).
        if (options.relayEvents !== false) {
          const relayed = await replayOutbox({ limit: 200, organizationId: options.organizationId });
          if (relayed.sent > 0 || relayed.failed > 0) logger.info(`events: ${relayed.sent} delivered, ${relayed.failed} failed${relayed.lastError ? ` (${relayed.lastError})` : ""}`);
        }
        await housekeeping?.(new Date());
        return result;
      })
      .catch((error: unknown) => {
        logger.warn(`pass failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    await current;
    if (!stopped) {
      timer = setTimeout(() => void tick(), intervalMs);
      // Never keep a process alive just for this loop.
      timer.unref?.();
    }
  };

  logger.info(`publishing due posts every ${intervalMs} ms (no job engine reachable)`);
  timer = setTimeout(() => void tick(), 0);
  timer.unref?.();

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
    logger.info("stopped");
  };
}
