import { inngest } from "../client";
import { postCancelled, postScheduled } from "../events";
import { startPublishing } from "../publishing/plan";
import { publishTargetsInSteps, verifyTargetsInSteps } from "../publishing/steps";

/**
 * `post/scheduled` → sleep until the instant → publish each target in its own step → verify.
 *
 * A reschedule or cancel bumps the post's scheduleVersion and sends an event that cancels this
 * run while it sleeps; if the event is lost, the run still stands down on waking because the
 * version it was scheduled for is no longer the post's. Exactly-once is the ledger's job (see
 * publishTarget), so a duplicate run or a retried step never posts twice.
 */
export const publishPost = inngest.createFunction(
  {
    id: "publish-post",
    name: "Publish scheduled post",
    triggers: [postScheduled],
    cancelOn: [
      { event: postCancelled, if: "async.data.postId == event.data.postId && async.data.scheduleVersion > event.data.scheduleVersion" },
      { event: postScheduled, if: "async.data.postId == event.data.postId && async.data.scheduleVersion > event.data.scheduleVersion" },
    ],
    retries: 6,
  },
  async ({ event, step, logger }) => {
    const { organizationId, postId, scheduleVersion, scheduledAt } = event.data;

    await step.sleepUntil("wait-until-scheduled", new Date(scheduledAt));

    const plan = await step.run("load-post", () => startPublishing({ organizationId, postId, scheduleVersion }));
    if (plan.status === "stale") {
      logger.info(`post ${postId} v${scheduleVersion}: standing down (${plan.reason})`);
      return { status: "stood-down" as const, reason: plan.reason };
    }
    if (plan.missed) logger.warn(`post ${postId} v${scheduleVersion}: publishing ${plan.lateMinutes} minutes late`);

    const run = { organizationId, scheduleVersion, targetIds: plan.targetIds };
    const outcomes = await publishTargetsInSteps(step, run, logger);
    const verification = await verifyTargetsInSteps(step, run, outcomes, logger);
    return { status: "done" as const, lateMinutes: plan.lateMinutes, outcomes, verification };
  },
);
