import { cron } from "inngest";
import { inngest } from "../client";
import { metricsSyncAccount } from "../events";
import { accountsToSync, hourStart, syncAccountMetrics } from "../publishing/metrics";

/** Events per `step.sendEvent` call: keeps each request small. */
const FAN_OUT_BATCH = 500;

/**
 * Hourly: one `metrics/sync.account` event per connected account, across organizations (a system
 * query by design). Event ids carry the hour, so a retried fan-out does not sync twice.
 */
export const syncMetricsCron = inngest.createFunction(
  {
    id: "sync-metrics",
    name: "Fan out metrics sync",
    triggers: [cron("15 * * * *")],
    concurrency: { limit: 1 },
    retries: 2,
  },
  async ({ step }) => {
    const accounts = await step.run("list-accounts", () => accountsToSync());
    const hour = await step.run("hour", () => hourStart(new Date()).toISOString());
    for (let i = 0; i < accounts.length; i += FAN_OUT_BATCH) {
      const batch = accounts.slice(i, i + FAN_OUT_BATCH);
      await step.sendEvent(
        `fan-out-${i / FAN_OUT_BATCH}`,
        batch.map((a) => ({ name: metricsSyncAccount.name, id: `metrics:${a.socialAccountId}:${hour}`, data: a })),
      );
    }
    return { accounts: accounts.length };
  },
);

/**
 * `metrics/sync.account` → the account's metrics and those of its posts of the last 30 days,
 * upserted per (post, UTC hour) and (account, UTC day): a re-run overwrites, never adds.
 */
export const syncAccountMetricsFn = inngest.createFunction(
  {
    id: "sync-account-metrics",
    name: "Sync account metrics",
    triggers: [metricsSyncAccount],
    // One sync per account at a time, and a few per organization so one agency cannot hog the networks.
    concurrency: [
      { limit: 1, key: "event.data.socialAccountId" },
      { limit: 5, key: "event.data.organizationId" },
    ],
    retries: 3,
  },
  async ({ event, step }) => step.run("sync", () => syncAccountMetrics(event.data)),
);
