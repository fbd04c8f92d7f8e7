import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";

/** Unique fixtures created through the system connection, removed again by `cleanup()`. */
export class Fixtures {
  private readonly organizationIds: string[] = [];
  private readonly userIds: string[] = [];
  private readonly emails: string[] = [];
  private readonly eventIds: string[] = [];

  uniqueEmail(label: string): string {
    const email = `jobs-${label}-${randomUUID()}@example.test`;
    this.emails.push(email);
    return email;
  }

  /** Outbox rows to delete at the end (ids from sendEvent results). */
  trackEvent(eventId: string): string {
    this.eventIds.push(eventId);
    return eventId;
  }

  async organizationWithOwner(name = "Acme Test") {
    const db = systemDb();
    const suffix = randomUUID();
    const owner = await db.user.create({ data: { email: this.uniqueEmail("owner"), name: "Olivia Owner" } });
    this.userIds.push(owner.id);
    const org = await db.organization.create({ data: { name, slug: `jobs-test-${suffix}` } });
    this.organizationIds.push(org.id);
    await db.membership.create({ data: { organizationId: org.id, userId: owner.id, role: "OWNER" } });
    return { org, owner };
  }

  async invitation(organizationId: string, invitedById: string, overrides: { revokedAt?: Date } = {}) {
    return systemDb().invitation.create({
      data: {
        organizationId,
        invitedById,
        email: this.uniqueEmail("invitee"),
        role: "CONTENT_EDITOR",
        tokenHash: `test-${randomUUID()}`,
        expiresAt: new Date(Date.now() + 7 * 86_400_000),
        ...overrides,
      },
    });
  }

  async cleanup(): Promise<void> {
    const db = systemDb();
    // Memberships, invitations and onboarding tasks go with their organization (ON DELETE CASCADE).
    await db.organization.deleteMany({ where: { id: { in: this.organizationIds } } });
    await db.user.deleteMany({ where: { id: { in: this.userIds } } });
    await db.devMail.deleteMany({ where: { to: { in: this.emails } } });
    await db.eventOutbox.deleteMany({ where: { eventId: { in: this.eventIds } } });
  }
}
