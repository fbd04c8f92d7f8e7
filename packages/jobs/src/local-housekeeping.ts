import { systemDb } from "@mg/db/system";
import { decideAbTest } from "./publishing/ab-test";
import { accountsToSync, syncAccountMetrics } from "./publishing/metrics";
import { materializeRecurrences, recurringSeries } from "./publishing/recurrences";
import { accountsWithExpiringTokens, refreshAccountToken } from "./publishing/tokens";
import type { SweepLogger } from "./publishing/sweep";

/**
 * What the engine's cron functions do (metrics, A/B decisions, token refresh, recurrences), for a
 * machine without the engine: the local scheduler runs each chore when its interval has passed.
 * Every chore is idempotent (upserts, conditional updates), so running it next to the engine, or
 * twice, changes nothing more.
 */
const CHORES = [
  // Metrics first, so an A/B test due in the same pass is decided on fresh numbers.
  { name: "sync metrics", everyMs: 60 * 60_000, run: syncAllMetrics },
  { name: "decide A/B tests", everyMs: 60_000, run: decideDueAbTests },
  { name: "refresh expiring tokens", everyMs: 6 * 60 * 60_000, run: refreshExpiringTokens },
  { name: "extend recurring posts", everyMs: 6 * 60 * 60_000, run: extendRecurrences },
] as const;

export type Housekeeping = (now: Date) => Promise<void>;

/** `organizationId` limits every chore to one organization (tests, debugging one tenant). */
export function createHousekeeping(logger: SweepLogger, organizationId?: string): Housekeeping {
  const mine = <T extends { organizationId: string }>(rows: T[]) => (organizationId ? rows.filter((r) => r.organizationId === organizationId) : rows);
  const lastRun = new Map<string, number>();
  return async (now) => {
    for (const chore of CHORES) {
      const last = lastRun.get(chore.name);
      if (last !== undefined && now.getTime() - last < chore.everyMs) continue;
      lastRun.set(chore.name, now.getTime());
      try {
        const done = await chore.run(now, mine);
        if (done > 0) logger.info(`${chore.name}: ${done}`);
      } catch (error) {
        logger.warn(`${chore.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
}

type Only = <T extends { organizationId: string }>(rows: T[]) => T[];

async function decideDueAbTests(now: Date, only: Only): Promise<number> {
  const due = only(await systemDb().abTest.findMany({ where: { status: "RUNNING", decideAt: { lte: now } }, select: { id: true, organizationId: true } }));
  for (const test of due) await decideAbTest({ organizationId: test.organizationId, abTestId: test.id, now });
  return due.length;
}

async function syncAllMetrics(now: Date, only: Only): Promise<number> {
  const accounts = only(await accountsToSync());
  for (const account of accounts) await syncAccountMetrics({ ...account, now });
  return accounts.length;
}

async function refreshExpiringTokens(now: Date, only: Only): Promise<number> {
  const accounts = only(await accountsWithExpiringTokens(now));
  for (const account of accounts) await refreshAccountToken({ ...account, now });
  return accounts.length;
}

async function extendRecurrences(now: Date, only: Only): Promise<number> {
  const series = only(await recurringSeries());
  for (const s of series) await materializeRecurrences({ ...s, now });
  return series.length;
}
