import { systemDb } from "@mg/db/system";
import { purgeExpiredExportFiles } from "./crm/expired-exports";
import { remindTask } from "./crm/task-reminders";
import { applyPageSchedule } from "./pages/page-schedule";
import { decideAbTest } from "./publishing/ab-test";
import { accountsToSync, syncAccountMetrics } from "./publishing/metrics";
import { materializeRecurrences, recurringSeries } from "./publishing/recurrences";
import { accountsWithExpiringTokens, refreshAccountToken } from "./publishing/tokens";
import type { SweepLogger } from "./publishing/sweep";
import { scoringChores, scoringChoresLoaded } from "./scoring/runner";
import { organizationsWithRules, organizationsWithScores } from "./scoring/organizations";

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
  { name: "remind due tasks", everyMs: 30_000, run: remindDueTasks },
  { name: "apply due page schedules", everyMs: 30_000, run: applyDuePageSchedules },
  { name: "refresh expiring tokens", everyMs: 6 * 60 * 60_000, run: refreshExpiringTokens },
  { name: "extend recurring posts", everyMs: 6 * 60 * 60_000, run: extendRecurrences },
  { name: "delete expired export files", everyMs: 60 * 60_000, run: purgeExpiredExports },
  // Decay entries are keyed by day, so an extra run the same day writes nothing.
  { name: "decay lead scores", everyMs: 6 * 60 * 60_000, run: decayScores, needsScoring: true },
  { name: "train conversion models", everyMs: 7 * 24 * 60 * 60_000, run: trainModels, needsScoring: true },
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
      // Scoring's chores come with @mg/api, which a process loads with its first API request:
      // until then they wait (and run on the next pass), instead of skipping a whole interval.
      if ("needsScoring" in chore && chore.needsScoring && !scoringChoresLoaded()) continue;
      lastRun.set(chore.name, now.getTime());
      try {
        const done = await chore.run(now, mine, organizationId);
        if (done > 0) logger.info(`${chore.name}: ${done}`);
      } catch (error) {
        logger.warn(`${chore.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
}

type Only = <T extends { organizationId: string }>(rows: T[]) => T[];

/** One item's failure (a network hiccup on one account) must not skip the others until next time. */
async function eachSettled<T>(items: readonly T[], work: (item: T) => Promise<unknown>): Promise<number> {
  const failed: string[] = [];
  // One at a time: a machine without the engine is a small one; no burst of network calls.
  for (const item of items) {
    try {
      await work(item);
    } catch (error) {
      failed.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (failed.length) throw new Error(`${failed.length} of ${items.length} failed (first: ${failed[0]}); the rest are done`);
  return items.length;
}

async function decideDueAbTests(now: Date, only: Only): Promise<number> {
  const due = only(await systemDb().abTest.findMany({ where: { status: "RUNNING", decideAt: { lte: now } }, select: { id: true, organizationId: true } }));
  return eachSettled(due, (test) => decideAbTest({ organizationId: test.organizationId, abTestId: test.id, now }));
}

async function syncAllMetrics(now: Date, only: Only): Promise<number> {
  const accounts = only(await accountsToSync());
  return eachSettled(accounts, (account) => syncAccountMetrics({ ...account, now }));
}

async function refreshExpiringTokens(now: Date, only: Only): Promise<number> {
  const accounts = only(await accountsWithExpiringTokens(now));
  return eachSettled(accounts, (account) => refreshAccountToken({ ...account, now }));
}

async function extendRecurrences(now: Date, only: Only): Promise<number> {
  const series = only(await recurringSeries());
  return eachSettled(series, (s) => materializeRecurrences({ ...s, now }));
}

/** The engine's remind-task runs, for a machine without it (the same idempotent remindTask). */
async function remindDueTasks(now: Date, only: Only): Promise<number> {
  const due = only(await systemDb().task.findMany({ where: { dueAt: { lte: now }, remindedAt: null, doneAt: null, deletedAt: null }, orderBy: { dueAt: "asc" }, take: 500, select: { organizationId: true, id: true, dueAt: true } }));
  return eachSettled(due, (task) => remindTask({ organizationId: task.organizationId, taskId: task.id, dueAt: task.dueAt ?? now, now }));
}

/** The engine's run-page-schedule runs, for a machine without it (the same idempotent applyPageSchedule). */
async function applyDuePageSchedules(now: Date, only: Only): Promise<number> {
  const due = only(
    await systemDb().landingPage.findMany({
      where: { deletedAt: null, OR: [{ publishAt: { lte: now } }, { unpublishAt: { lte: now } }] },
      orderBy: { updatedAt: "asc" },
      take: 500,
      select: { organizationId: true, id: true, publishAt: true, unpublishAt: true },
    }),
  );
  const runs = due.flatMap((p) => [
    ...(p.publishAt && p.publishAt <= now ? [{ organizationId: p.organizationId, pageId: p.id, action: "publish" as const, at: p.publishAt }] : []),
    ...(p.unpublishAt && p.unpublishAt <= now ? [{ organizationId: p.organizationId, pageId: p.id, action: "unpublish" as const, at: p.unpublishAt }] : []),
  ]);
  // Publish before unpublish when both fell due in the same pass (a window that has already ended).
  return eachSettled(runs, (run) => applyPageSchedule({ ...run, now }));
}

async function purgeExpiredExports(now: Date, _only: Only, organizationId?: string): Promise<number> {
  // Filtered in its own query: the files of other organizations are never even read.
  return purgeExpiredExportFiles(now, organizationId);
}

/** The engine's daily decay, per organization in its own scope (services/scoring/decay.ts). */
async function decayScores(now: Date, _only: Only, organizationId?: string): Promise<number> {
  const orgs = await organizationsWithRules(organizationId);
  return eachSettled(orgs, (org) => scoringChores().decay(org, now));
}

/** The engine's weekly retraining (services/scoring/model): per organization. */
async function trainModels(now: Date, _only: Only, organizationId?: string): Promise<number> {
  const orgs = await organizationsWithScores(organizationId);
  return eachSettled(orgs, (org) => scoringChores().train(org, now));
}
