import { inngest } from "../client";
import { organizationCreated } from "../events";
import { createOnboardingTasks, loadOrganization, markProvisioned, sendWelcomeMails } from "../provisioning";

/**
 * `organization/created` → onboarding checklist, welcome mail, provisionedAt.
 *
 * Idempotent twice over: the engine runs at most one run per organization per 24 h
 * (`idempotency`), and every step is safe to repeat (a replayed outbox event after that window,
 * an operator re-sending the event, retries after a partial failure).
 */
export const provisionOrganization = inngest.createFunction(
  {
    id: "provision-organization",
    name: "Provision organization",
    triggers: [organizationCreated],
    idempotency: "event.data.organizationId",
    retries: 5,
  },
  async ({ event, step, logger }) => {
    const { organizationId } = event.data;

    const org = await step.run("load-organization", () => loadOrganization(organizationId));
    if (!org) {
      // Deleted before the job ran (or the event was sent before its transaction committed).
      logger.info(`organization ${organizationId} not found or deleted; nothing to provision`);
      return { status: "skipped" as const, reason: "organization-not-found" };
    }

    const tasks = await step.run("create-onboarding-tasks", () => createOnboardingTasks(organizationId));

    let welcomeMails = 0;
    // provisionedAt is the "welcome already sent" marker across runs; within a run the step's
    // memoized result prevents a second send on retries.
    if (!org.provisionedAt && org.owners.length > 0) {
      welcomeMails = await step.run("send-welcome-mail", () => sendWelcomeMails(org));
    }

    const provisioned = await step.run("mark-provisioned", () => markProvisioned(organizationId));

    return { status: "provisioned" as const, tasksCreated: tasks.created, welcomeMails, firstProvisioning: provisioned.updated };
  },
);
