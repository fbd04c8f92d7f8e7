import "./helpers/env";
import { randomUUID } from "node:crypto";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createJobsClient, deliverOutboxEvents, enqueueEvents, outboxStatus, replayOutbox, sendEvent } from "../src/client";
import { listDevMail } from "../src/mailer";
import { closedPort, silentLogger, startFakeEngine, startHangingServer, type FakeEngine } from "./helpers/fake-engine";
import { Fixtures } from "./helpers/fixtures";

const fixtures = new Fixtures();
const engines: FakeEngine[] = [];

async function onlineEngine() {
  const engine = await startFakeEngine();
  engines.push(engine);
  return { engine, client: createJobsClient({ baseUrl: engine.url, eventKey: "test-key", isDev: false, logger: silentLogger }) };
}

async function offlineClient() {
  return createJobsClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, eventKey: "test-key", isDev: false, logger: silentLogger });
}

const organizationCreated = () =>
  ({ name: "organization/created", data: { organizationId: randomUUID(), createdByUserId: null } }) as const;

function outboxRow(eventId: string) {
  return systemDb().eventOutbox.findUnique({ where: { eventId } });
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

afterAll(async () => {
  await fixtures.cleanup();
  await disconnectAll();
});

describe("transactional event outbox", () => {
  it("writes the event before sending, delivers it to a reachable engine once, with its id", async () => {
    const { engine, client } = await onlineEngine();
    const event = organizationCreated();

    const sent = await sendEvent(event, { client });
    fixtures.trackEvent(sent.id);

    expect(sent.queued).toBe(false);
    expect(engine.events).toEqual([expect.objectContaining({ name: event.name, id: sent.id, data: event.data })]);
    const row = await outboxRow(sent.id);
    expect(row).toMatchObject({ name: event.name, status: "SENT", attempts: 1, lastError: null, claimedUntil: null });
    expect(row?.sentAt).toBeInstanceOf(Date);

    expect(await replayOutbox({ client, eventIds: [sent.id] })).toEqual({ sent: 0, failed: 0, pending: 0, lastError: null });
    expect(engine.events).toHaveLength(1);
  });

  it("keeps the event when the engine is unreachable, backs off, then delivers it exactly once", async () => {
    const event = organizationCreated();
    const sent = await sendEvent(event, { client: await offlineClient() });
    fixtures.trackEvent(sent.id);

    expect(sent.queued).toBe(true);
    const waiting = await outboxRow(sent.id);
    expect(waiting).toMatchObject({ status: "PENDING", payload: event.data, attempts: 1, claimedUntil: null });
    expect(waiting?.lastError).toEqual(expect.any(String));
    expect(waiting?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    expect((await outboxStatus()).pending).toBeGreaterThanOrEqual(1);

    // Not before its back-off…
    const { engine, client } = await onlineEngine();
    expect(await replayOutbox({ client, eventIds: [sent.id] })).toMatchObject({ sent: 0, pending: 1 });
    // … then once, with the original id.
    await systemDb().eventOutbox.update({ where: { eventId: sent.id }, data: { nextAttemptAt: new Date() } });
    expect(await replayOutbox({ client, eventIds: [sent.id] })).toEqual({ sent: 1, failed: 0, pending: 0, lastError: null });
    expect(await replayOutbox({ client, eventIds: [sent.id] })).toEqual({ sent: 0, failed: 0, pending: 0, lastError: null });
    expect(engine.events.map((e) => e.id)).toEqual([sent.id]);
  });

  it("keeps the caller's event id, so a retried action is stored once", async () => {
    const client = createJobsClient({ isDev: false, logger: silentLogger });
    const id = fixtures.trackEvent(`test-${randomUUID()}`);
    const event = { ...organizationCreated(), id };

    await sendEvent(event, { client });
    await sendEvent(event, { client });

    expect(await systemDb().eventOutbox.count({ where: { eventId: id } })).toBe(1);
  });

  it("gives up on an engine that accepts connections but never answers, and keeps the event", async () => {
    const hanging = await startHangingServer();
    try {
      const client = createJobsClient({ baseUrl: hanging.url, eventKey: "test-key", isDev: false, sendTimeoutMs: 200, logger: silentLogger });
      const started = Date.now();

      const sent = await sendEvent(organizationCreated(), { client });
      fixtures.trackEvent(sent.id);

      expect(sent.queued).toBe(true);
      // 5 attempts x 200 ms plus the SDK's backoff, instead of 5 TCP timeouts.
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await outboxRow(sent.id)).toMatchObject({ status: "PENDING" });
    } finally {
      await hanging.close();
    }
  });

  it("two relays at once deliver every event exactly once (claims)", async () => {
    const offline = await offlineClient();
    const events = Array.from({ length: 40 }, () => ({ ...organizationCreated(), id: fixtures.trackEvent(`race-${randomUUID()}`) }));
    await enqueueEvents(systemDb(), null, events);
    const { engine, client } = await onlineEngine();
    const ids = events.map((e) => e.id);
    const [a, b] = await Promise.all([replayOutbox({ client, eventIds: ids, limit: 40 }), replayOutbox({ client, eventIds: ids, limit: 40 })]);
    expect(a.sent + b.sent).toBe(40);
    expect(engine.events.map((e) => e.id).sort()).toEqual([...ids].sort());
    // An offline relay afterwards finds nothing left to try.
    expect(await replayOutbox({ client: offline, eventIds: ids })).toMatchObject({ sent: 0, failed: 0, pending: 0 });
  });

  it("a relay that died holding a claim gives the event back when the claim expires", async () => {
    const event = { ...organizationCreated(), id: fixtures.trackEvent(`claim-${randomUUID()}`) };
    await enqueueEvents(systemDb(), null, [event]);
    await systemDb().eventOutbox.update({ where: { eventId: event.id }, data: { claimedUntil: new Date(Date.now() + 60_000) } });
    const { engine, client } = await onlineEngine();
    expect(await replayOutbox({ client, eventIds: [event.id] })).toMatchObject({ sent: 0, pending: 1 });
    await systemDb().eventOutbox.update({ where: { eventId: event.id }, data: { claimedUntil: new Date(Date.now() - 1) } });
    expect(await replayOutbox({ client, eventIds: [event.id] })).toMatchObject({ sent: 1, pending: 0 });
    expect(engine.events.map((e) => e.id)).toEqual([event.id]);
  });

  it("marks an event FAILED after the last attempt, and stops retrying it", async () => {
    const offline = await offlineClient();
    const event = { ...organizationCreated(), id: fixtures.trackEvent(`fail-${randomUUID()}`) };
    await enqueueEvents(systemDb(), null, [event]);
    expect(await replayOutbox({ client: offline, eventIds: [event.id], maxAttempts: 1 })).toMatchObject({ sent: 0, failed: 1, pending: 0 });
    expect(await outboxRow(event.id)).toMatchObject({ status: "FAILED", attempts: 1 });
  });

  it("rejects an invalid payload at the call site instead of queueing it", async () => {
    const client = createJobsClient({ isDev: false, logger: silentLogger });

    await expect(
      sendEvent({ name: "organization/created", data: { organizationId: "not-an-id", createdByUserId: null } }, { client }),
    ).rejects.toThrow(/organizationId/);
    await expect(enqueueEvents(systemDb(), null, [{ name: "member/invited", data: { organizationId: randomUUID() } } as never])).rejects.toThrow(/member\/invited/);
  });

  it("without a job engine, delivery runs in this process: the invitation is mailed, the organization provisioned", async () => {
    const { org: organization, owner } = await fixtures.organizationWithOwner("Local Delivery Co");
    const email = fixtures.uniqueEmail("local-invitee");
    const invitation = await systemDb().invitation.create({
      data: { organizationId: organization.id, email, role: "VIEWER", tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const ids = await enqueueEvents(systemDb(), organization.id, [
      { name: "member/invited", data: { organizationId: organization.id, invitationId: invitation.id, email, inviteUrl: "http://localhost:3000/invite/tok", organizationName: organization.name, inviterName: "Olivia" } },
      { name: "organization/created", data: { organizationId: organization.id, createdByUserId: owner.id } },
      { name: "post/cancelled", data: { organizationId: organization.id, postId: randomUUID(), scheduleVersion: 2 } },
    ]);
    ids.forEach((id) => fixtures.trackEvent(id));
    // The publishing event needs no delivery without an engine (the local scheduler acts on the post itself): it is written as handled.
    expect(ids).toHaveLength(2);
    const cancelled = await systemDb().eventOutbox.findFirstOrThrow({ where: { organizationId: organization.id, name: "post/cancelled" } });
    fixtures.trackEvent(cancelled.eventId);
    expect(cancelled).toMatchObject({ status: "SENT" });

    expect(await deliverOutboxEvents({ eventIds: ids })).toMatchObject({ sent: 2, failed: 0, pending: 0 });
    expect((await listDevMail({ to: email })).map((m) => m.subject)).toEqual([expect.stringContaining("invited")]);
    expect((await systemDb().organization.findUniqueOrThrow({ where: { id: organization.id } })).provisionedAt).toBeInstanceOf(Date);
    // Delivered once: a second relay mails nobody again.
    expect(await replayOutbox({ eventIds: ids })).toMatchObject({ sent: 0, pending: 0 });
    expect(await listDevMail({ to: email })).toHaveLength(1);
  });
});
