import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { enqueueEvents } from "@mg/jobs";
import { listDevMail } from "@mg/jobs/mailer";
import { callerFor, createTenant, deleteTenant, type Tenant } from "../fixtures";

/**
 * Events are written by the transaction of the change that causes them (issue 8 §2): they exist
 * exactly when the change does — a rolled-back change leaves no event, a committed one always has
 * its event — and the app role can write nothing else to the outbox.
 */
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant("outbox"), createTenant("outbox-other")]);
});
afterAll(async () => {
  await Promise.all([deleteTenant(tenant), deleteTenant(other)]);
});

const cancelled = (organizationId: string, id = `test-${randomUUID()}`) =>
  ({ name: "post/cancelled", id, data: { organizationId, postId: randomUUID(), scheduleVersion: 2 } }) as const;

describe("the transactional outbox", () => {
  it("a change that rolls back leaves no event", async () => {
    const event = cancelled(tenant.id);
    await expect(
      withOrg(tenant.id, async (db) => {
        await enqueueEvents(db, tenant.id, [event]);
        throw new Error("the change failed after emitting");
      }),
    ).rejects.toThrow("the change failed");
    expect(await systemDb().eventOutbox.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("a committed invitation always has its event, delivered once (here in process: the mail)", async () => {
    const email = `outbox-invitee-${randomUUID().slice(0, 8)}@test.local`;
    const invited = await callerFor(tenant.users.OWNER, tenant.slug).members.invite({ email, role: "VIEWER" });
    const row = await systemDb().eventOutbox.findFirstOrThrow({ where: { name: "member/invited", payload: { path: ["invitationId"], equals: invited.id } } });
    expect(row).toMatchObject({ organizationId: tenant.id, status: "SENT", attempts: 1 });
    expect(await listDevMail({ to: email })).toHaveLength(1);
  });

  it("re-emitting a deterministic id inside a transaction is a no-op, not an error", async () => {
    const event = cancelled(tenant.id);
    await withOrg(tenant.id, (db) => enqueueEvents(db, tenant.id, [event]));
    await withOrg(tenant.id, (db) => enqueueEvents(db, tenant.id, [event]));
    expect(await systemDb().eventOutbox.count({ where: { eventId: event.id } })).toBe(1);
    await systemDb().eventOutbox.deleteMany({ where: { eventId: event.id } });
  });

  it("the app role cannot write another organization's events, nor read any event's content", async () => {
    await expect(withOrg(tenant.id, (db) => enqueueEvents(db, other.id, [cancelled(other.id)]))).rejects.toThrow(/row-level security/);
    await expect(withOrg(tenant.id, (db) => db.$queryRaw`SELECT payload FROM event_outbox`)).rejects.toThrow(/permission denied/);
    const visible = await withOrg(tenant.id, (db) => db.$queryRaw<{ organization_id: string }[]>`SELECT event_id FROM event_outbox`);
    const mine = await systemDb().eventOutbox.count({ where: { organizationId: tenant.id } });
    expect(visible).toHaveLength(mine);
  });
});
