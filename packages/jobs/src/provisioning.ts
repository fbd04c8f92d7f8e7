import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { jobsEnv } from "./env";
import { sendMail, welcomeMail } from "./mailer";
import { DEFAULT_ONBOARDING_TASKS } from "./onboarding";

/** What "load-organization" hands to later steps (step output is stored as JSON). */
export interface LoadedOrganization {
  id: string;
  name: string;
  slug: string;
  provisionedAt: string | null;
  owners: { email: string; name: string | null }[];
}

/** System path: the job has no session, and it must see the org even before anyone is scoped to it. */
export async function loadOrganization(organizationId: string): Promise<LoadedOrganization | null> {
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
export async function createOnboardingTasks(organizationId: string): Promise<{ created: number }> {
  return withOrg(organizationId, async (db) => {
    const { count } = await db.onboardingTask.createMany({
      data: DEFAULT_ONBOARDING_TASKS.map(({ key, title }) => ({ organizationId, key, title })),
      skipDuplicates: true,
    });
    return { created: count };
  });
}

/** Keeps the first provisioning time: a re-run must not move it. */
export async function markProvisioned(organizationId: string): Promise<{ updated: boolean }> {
  return withOrg(organizationId, async (db) => {
    const { count } = await db.organization.updateMany({
      where: { id: organizationId, provisionedAt: null },
      data: { provisionedAt: new Date() },
    });
    return { updated: count > 0 };
  });
}

/** The welcome mail to every owner; returns how many were sent. */
export async function sendWelcomeMails(org: LoadedOrganization): Promise<number> {
  const dashboardUrl = new URL(`/${org.slug}`, jobsEnv().APP_URL).toString();
  for (const owner of org.owners) {
    await sendMail({ to: owner.email, ...welcomeMail({ organizationName: org.name, recipientName: owner.name, dashboardUrl }) });
  }
  return org.owners.length;
}

/**
 * The whole provisioning without the job engine (the outbox relay's local delivery): the same
 * steps in order, each safe to repeat; `provisionedAt` is the "welcome already sent" marker.
 */
export async function provisionOrganizationNow(organizationId: string): Promise<"provisioned" | "skipped"> {
  const org = await loadOrganization(organizationId);
  if (!org) return "skipped";
  await createOnboardingTasks(organizationId);
  if (!org.provisionedAt && org.owners.length > 0) await sendWelcomeMails(org);
  await markProvisioned(organizationId);
  return "provisioned";
}
