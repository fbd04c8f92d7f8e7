import { orgProcedure } from "../../trpc/init";
import { jobEngineConfigured, pendingEventsForOrganization } from "@mg/jobs";

/**
 * Whether this organization's background work is waiting for the job engine, so the app can
 * degrade visibly instead of silently (the events are safe in the outbox either way).
 */
export const jobStatus = orgProcedure("settings.read", { transaction: "per-operation" }).query(async ({ ctx }) => {
  const { pending, oldestPendingAt } = await pendingEventsForOrganization(ctx.org.id);
  return { pendingEvents: pending, oldestPendingAt, engineConfigured: jobEngineConfigured() };
});
