import { inngest } from "../client";
import { abTestStarted } from "../events";
import { abTestAccounts, decideAbTest } from "../publishing/ab-test";
import { syncAccountMetrics } from "../publishing/metrics";

/**
 * `ab-test/started` → sleep until `decideAt` → refresh the variants' metrics → pick the winner by
 * the test's metric, store the result, alert. One run per test (`idempotency`), and deciding is
 * itself idempotent (a decided test is returned as it is).
 */
export const decideAbTestFn = inngest.createFunction(
  {
    id: "decide-ab-test",
    name: "Decide A/B test",
    triggers: [abTestStarted],
    idempotency: "event.data.abTestId",
    retries: 4,
  },
  async ({ event, step, logger }) => {
    const { organizationId, abTestId, decideAt } = event.data;
    await step.sleepUntil("wait-until-decide", new Date(decideAt));

    const accounts = await step.run("list-variant-accounts", () => abTestAccounts(organizationId, abTestId));
    for (const socialAccountId of accounts) {
      try {
        await step.run(`refresh-metrics ${socialAccountId}`, () => syncAccountMetrics({ organizationId, socialAccountId }));
      } catch (error) {
        // The latest stored snapshots still decide; a flaky network must not block the result.
        logger.warn(`metrics refresh for account ${socialAccountId} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }

    return step.run("decide", () => decideAbTest({ organizationId, abTestId }));
  },
);
