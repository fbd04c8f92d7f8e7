import type { PrismaClient } from "../client";
import type { Role } from "../generated/prisma/enums";
import { hashPassword } from "../password";

/**
 * Demo data for `pnpm dev` and the end-to-end tests. Idempotent: re-running updates in place.
 * Credentials are documented in the README; never run this against production.
 */
export const DEMO_PASSWORD = "demo-password";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "owner@demo.test", name: "Olivia Owner", role: "OWNER" },
  { email: "admin@demo.test", name: "Adam Admin", role: "ADMIN" },
  { email: "manager@demo.test", name: "Maya Manager", role: "CONTENT_MANAGER" },
  { email: "editor@demo.test", name: "Eddie Editor", role: "CONTENT_EDITOR" },
  { email: "analyst@demo.test", name: "Ana Analyst", role: "ANALYST" },
  { email: "viewer@demo.test", name: "Victor Viewer", role: "VIEWER" },
];

export const DEMO_ORGS = {
  agency: { slug: "brightwave", name: "Brightwave Agency", kind: "AGENCY", plan: "PROFESSIONAL", timezone: "America/New_York", country: "US", industry: "Marketing agency" },
  bakery: { slug: "northwind-bakery", name: "Northwind Bakery", kind: "BUSINESS", plan: "STARTER", timezone: "Europe/London", country: "GB", industry: "Food & beverage" },
  clinic: { slug: "sunrise-clinic", name: "Sunrise Clinic", kind: "BUSINESS", plan: "STARTER", timezone: "Australia/Sydney", country: "AU", industry: "Healthcare" },
  exporter: { slug: "atlas-exports", name: "Atlas Exports", kind: "BUSINESS", plan: "FREE", timezone: "Asia/Kolkata", country: "IN", industry: "Textiles export" },
} as const;

export const STANDALONE_OWNER = { email: "atlas@demo.test", name: "Arjun Atlas" };

export async function seedDemoData(db: PrismaClient, log: (line: string) => void = () => {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, string>();
  for (const user of [...DEMO_USERS, { ...STANDALONE_OWNER, role: "OWNER" as const }]) {
    const row = await db.user.upsert({
      where: { email: user.email },
      update: { name: user.name },
      create: { email: user.email, name: user.name, passwordHash, emailVerified: new Date() },
    });
    users.set(user.email, row.id);
  }

  const upsertOrg = async (spec: (typeof DEMO_ORGS)[keyof typeof DEMO_ORGS], parentId: string | null) =>
    db.organization.upsert({
      where: { slug: spec.slug },
      update: { name: spec.name, parentId },
      create: { ...spec, parentId, status: "ACTIVE", provisionedAt: new Date() },
    });

  const agency = await upsertOrg(DEMO_ORGS.agency, null);
  const bakery = await upsertOrg(DEMO_ORGS.bakery, agency.id);
  const clinic = await upsertOrg(DEMO_ORGS.clinic, agency.id);
  const exporter = await upsertOrg(DEMO_ORGS.exporter, null);

  const member = async (organizationId: string, email: string, role: Role) => {
    const userId = users.get(email);
    if (!userId) throw new Error(`seed: unknown user ${email}`);
    await db.membership.upsert({
      where: { organizationId_userId: { organizationId, userId } },
      update: { role },
      create: { organizationId, userId, role },
    });
  };
  // Agency members reach both clients through inheritance; the clinic gives the viewer a
  // client-specific override so that the override path has demo data too.
  for (const user of DEMO_USERS) await member(agency.id, user.email, user.role);
  await member(clinic.id, "viewer@demo.test", "ANALYST");
  await member(exporter.id, STANDALONE_OWNER.email, "OWNER");

  const tasks = [
    { key: "connect-social-account", title: "Connect a social account" },
    { key: "invite-teammate", title: "Invite a teammate" },
    { key: "set-timezone", title: "Set your time zone", completed: true },
  ];
  for (const org of [agency, bakery, clinic, exporter]) {
    for (const task of tasks) {
      await db.onboardingTask.upsert({
        where: { organizationId_key: { organizationId: org.id, key: task.key } },
        update: {},
        create: { organizationId: org.id, key: task.key, title: task.title, completedAt: task.completed ? new Date() : null },
      });
    }
    const existingAudit = await db.auditLog.count({ where: { organizationId: org.id } });
    if (existingAudit === 0) {
      await db.auditLog.create({
        data: { organizationId: org.id, actorId: users.get("owner@demo.test") ?? null, action: "organization.seeded", targetType: "organization", targetId: org.id, metadata: { source: "pnpm db:seed" } },
      });
    }
  }
  log(`seeded ${users.size} users and 4 organizations (agency ${agency.slug} with clients ${bakery.slug}, ${clinic.slug}; standalone ${exporter.slug})`);
}
