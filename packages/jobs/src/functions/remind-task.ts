import { inngest } from "../client";
import { taskScheduled } from "../events";
import { remindTask } from "../crm/task-reminders";

/**
 * `task/scheduled` → sleep until dueAt → remind (alert + mail, exactly once: crm/task-reminders).
 * A reschedule sends a new event that cancels this run while it sleeps; if that is lost, the run
 * still stands down on waking because the task's dueAt is no longer the one it slept for.
 * One organization's burst of due tasks cannot starve the others (concurrency per organization).
 */
export const remindTaskFn = inngest.createFunction(
  {
    id: "remind-task",
    name: "Remind task assignee",
    triggers: [taskScheduled],
    cancelOn: [{ event: taskScheduled, if: "async.data.taskId == event.data.taskId && async.data.dueAt != event.data.dueAt" }],
    concurrency: { key: "event.data.organizationId", limit: 5 },
    retries: 6,
  },
  async ({ event, step }) => {
    const { organizationId, taskId, dueAt } = event.data;
    await step.sleepUntil("wait-until-due", new Date(dueAt));
    return step.run("remind", () => remindTask({ organizationId, taskId, dueAt }));
  },
);
