import { orgProcedure } from "../../trpc/init";
import { gettingStartedState, gettingStartedSteps, progressOf } from "../../services/getting-started";

/**
 * The dashboard's "Getting started" checklist, each step derived from the organization's state
 * (services/getting-started.ts). Per-operation: the seat count reads the agency's members.
 */
export const gettingStarted = orgProcedure("organization.read", { transaction: "per-operation" }).query(async ({ ctx }) => {
  const steps = gettingStartedSteps(await gettingStartedState(ctx.db, ctx.org));
  return { steps, ...progressOf(steps) };
});
