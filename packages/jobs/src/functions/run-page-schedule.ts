import { inngest } from "../client";
import { pageScheduled } from "../events";
import { applyPageSchedule } from "../pages/page-schedule";

/**
 * `page/scheduled` → sleep until the time → publish or unpublish the page (pages/page-schedule).
 * A new schedule for the same page and action cancels this run while it sleeps; if that is lost,
 * the run still stands down on waking because the page no longer holds the time it slept for.
 */
export const runPageScheduleFn = inngest.createFunction(
  {
    id: "run-page-schedule",
    name: "Publish or unpublish a landing page on schedule",
    triggers: [pageScheduled],
    cancelOn: [{ event: pageScheduled, if: "async.data.pageId == event.data.pageId && async.data.action == event.data.action && async.data.at != event.data.at" }],
    concurrency: { key: "event.data.organizationId", limit: 5 },
    retries: 6,
  },
  async ({ event, step }) => {
    const { organizationId, pageId, action, at } = event.data;
    await step.sleepUntil("wait-until-due", new Date(at));
    return step.run("apply", () => applyPageSchedule({ organizationId, pageId, action, at }));
  },
);
