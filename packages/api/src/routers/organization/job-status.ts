import { DELAY_GRACE_MS, delayedEventsForOrganization } from "@mg/jobs";
import { orgProcedure } from "../../trpc/init";
import { describeDelayedWork } from "../../services/delayed-work";

/**
 * This organization's background work that is late, in the customer's words, by kind ("2
 * invitation emails are delayed"); empty when nothing is, so the dashboard notice clears by
 * itself. The job engine, its configuration and what an operator should do are on the platform
 * status page (platform.status), never here.
 */
export const jobStatus = orgProcedure("settings.read", { transaction: "per-operation" }).query(async ({ ctx }) => {
  const now = new Date();
  const [events, overduePosts] = await Promise.all([
    delayedEventsForOrganization(ctx.org.id, { now }),
    ctx.db.post.count({ where: { status: "SCHEDULED", scheduledAt: { lt: new Date(now.getTime() - DELAY_GRACE_MS) } } }),
  ]);
  return { delayed: describeDelayedWork({ events, overduePosts }) };
});
