import { inngest } from "../client";
import { postCancelled, postPublishRequested } from "../events";
import { startPublishing } from "../publishing/plan";
import { publishTargetsInSteps, verifyTargetsInSteps } from "../publishing/steps";

/**
 * `post/publish.requested` → "publish now" (no target ids: every target) or the one-click retry of
 * failed targets. The same per-target steps as a scheduled run; failed ledger rows of this version
 * are queued again, acknowledged ones are never sent twice.
 */
export const publishRequested = inngest.createFunction(
  {
    id: "publish-requested",
    name: "Publish post now / retry failed targets",
    triggers: [postPublishRequested],
    cancelOn: [{ event: postCancelled, if: "async.data.postId == event.data.postId && async.data.scheduleVersion > event.data.scheduleVersion" }],
    // A double click queues a second run instead of racing the first (the ledger would hold anyway).
    concurrency: { limit: 1, key: "event.data.postId" },
    retries: 6,
  },
  async ({ event, step, logger }) => {
    const { organizationId, postId, scheduleVersion, targetIds } = event.data;

    const plan = await step.run("load-post", () => startPublishing({ organizationId, postId, scheduleVersion, targetIds, includeFailed: true }));
    if (plan.status === "stale") {
      logger.info(`post ${postId} v${scheduleVersion}: publish request dropped (${plan.reason})`);
      return { status: "stood-down" as const, reason: plan.reason };
    }

    const run = { organizationId, scheduleVersion, targetIds: plan.targetIds, retryFailed: true };
    const outcomes = await publishTargetsInSteps(step, run, logger);
    const verification = await verifyTargetsInSteps(step, run, outcomes, logger);
    return { status: "done" as const, outcomes, verification };
  },
);
