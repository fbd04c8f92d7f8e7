import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { inngest } from "../client";
import { jobsEnv } from "../env";
import { organizationCreated } from "../events";
import { sendMail, welcomeMail } from "../mailer";
import { DEFAULT_ONBOARDING_TASKS } from "../onboarding";

/** What "load-organization" hands to later steps (step output is stored as JSON). */
interface LoadedOrganization {
  id: string;
  name: string;
  slug: string;
  provisionedAt: string | null;
  owners: { email: string; name: string | null }[];
}

/** System path: the job has no session, and it must see the org even before anyone is scoped to it. */
async function loadOrganization(organizationId: string): Promise<LoadedOrganization | null> {
  const org = await systemDb().organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      slug: true,
      provisionedAt: true,
      deletedAt: true,
      memberships: { where: { role: "OWNER" }, orderBy: { createdAt: "asc" }, select: { user: { select: { email: true, name: true } } } },
    },
  });
  if (!org || org.deletedAt) return null;
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    provisionedAt: org.provisionedAt?.toISOString() ?? null,
    owners: org.memberships.map((m) => ({ email: m.user.email, name: m.user.name })),
  };
}

/** Re-runnable: the unique (organizationId, key) index plus skipDuplicates make a second run a no-op. */
async function createOnboardingTasks(organizationId: string): Promise<{ created: number }> {
  return withOrg(organizationId, async (db) => {
    const { count } = await db.onboardingTask.createMany({
      data: DEFAULT_ONBOARDING_TASKS.map(({ key, title }) => ({ organizationId, key, title })),
      skipDuplicates: true,
    });
    return { created: count };
  });
}

/** Keeps the first provisioning time: a re-run must not move it. */
async function markProvisioned(organizationId: string): Promise<{ updated: boolean }> {
  return withOrg(organizationId, async (db) => {
    const { count } = await db.organization.updateMany({
      where: { id: organizationId, provisionedAt: null },
      data: { provisionedAt: new Date() },
    });
    return { updated: count > 0 };
  });
}

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
      welcomeMails = await step.run("send-welcome-mail", async () => {
        const dashboardUrl = new URL(`/${org.slug}`, jobsEnv().APP_URL).toString();
        for (const owner of org.owners) {
          await sendMail({ to: owner.email, ...welcomeMail({ organizationName: org.name, recipientName: owner.name, dashboardUrl }) });
        }
        return org.owners.length;
      });
    }

    const provisioned = await step.run("mark-provisioned", () => markProvisioned(organizationId));

    return { status: "provisioned" as const, tasksCreated: tasks.created, welcomeMails, firstProvisioning: provisioned.updated };
  },
);
