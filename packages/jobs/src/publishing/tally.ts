import { RetryAfterError } from "inngest";
import { publishTarget, type PublishOutcome, type PublishTargetInput } from "./publish-target";

export interface SweepLogger {
  info(message: string): void;
  warn(message: string): void;
}

export const silentLogger: SweepLogger = { info() {}, warn() {} };

export interface TargetTally {
  published: number;
  failed: number;
  cancelled: number;
  /** Sent, and past the network's lag window without proof either way: the user decides. */
  unknown: number;
  /** Will be retried (throttled, rate-limited, in flight elsewhere, no answer yet). */
  retrying: number;
}

export function emptyTally(): TargetTally {
  return { published: 0, failed: 0, cancelled: 0, unknown: 0, retrying: 0 };
}

/** Counts one target's outcome; an outcome the caller should retry later (thrown) counts as retrying. */
export async function countOutcome(tally: TargetTally, targetId: string, logger: SweepLogger, attempt: () => Promise<PublishOutcome>): Promise<PublishOutcome | null> {
  try {
    const outcome = await attempt();
    if (outcome.state === "ACKNOWLEDGED" || outcome.state === "VERIFIED") tally.published++;
    else if (outcome.state === "FAILED") {
      tally.failed++;
      logger.warn(`target ${targetId} failed: ${outcome.error ?? "unknown error"}`);
    } else if (outcome.state === "OUTCOME_UNKNOWN") {
      tally.unknown++;
      logger.warn(`target ${targetId}: ${outcome.error ?? "outcome unknown"}`);
    } else if (outcome.state === "PENDING") tally.retrying++;
    else tally.cancelled++;
    return outcome;
  } catch (error) {
    tally.retrying++;
    const wait = error instanceof RetryAfterError ? ` (retry after ${error.retryAfter})` : "";
    logger.info(`target ${targetId} will be retried${wait}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** One target through the per-target path (publishTarget), counted. */
export function publishCounted(tally: TargetTally, input: PublishTargetInput, logger: SweepLogger): Promise<PublishOutcome | null> {
  return countOutcome(tally, input.targetId, logger, () => publishTarget(input));
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(workers);
}

export type Limiter = <T>(work: () => Promise<T>) => Promise<T>;

/** A counting semaphore: at most `limit` calls of the returned function run at once, in call order. */
export function createLimiter(limit: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  // A finishing call hands its slot straight to the next waiter, so no newcomer can slip in between.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= Math.max(1, limit)) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      release();
    }
  };
}
