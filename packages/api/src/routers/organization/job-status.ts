import { orgProcedure } from "../../trpc/init";
import { pendingEventsForOrganization } from "@mg/jobs";
import { jobsEnv, parseInngestDev } from "@mg/jobs/env";

/**
 * Whether this organization's background work is waiting for the job engine, so the app can
 * degrade visibly instead of silently (the events are safe in the outbox either way).
 */
export const jobStatus = orgProcedure("settings.read", { transaction: "per-operation" }).query(async ({ ctx }) => {
  const { pending, oldestPendingAt } = await pendingEventsForOrganization(ctx.org.id);
  const env = jobsEnv();
  const engineConfigured = Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_BASE_URL || parseInngestDev(env.INNGEST_DEV).isDev);
  return { pendingEvents: pending, oldestPendingAt, engineConfigured };
});
