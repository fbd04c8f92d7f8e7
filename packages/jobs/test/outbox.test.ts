import "./helpers/env";
import { randomUUID } from "node:crypto";
import { disconnectAll, systemDb } from "@mg/db/system";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createJobsClient, outboxStatus, replayOutbox, sendEvent } from "../src/client";
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

describe("event outbox", () => {
  it("keeps the event when the engine is unreachable, then replays it exactly once", async () => {
    const event = organizationCreated();

    const sent = await sendEvent(event, { client: await offlineClient() });
    fixtures.trackEvent(sent.id);

    expect(sent.queued).toBe(true);
    expect(await outboxRow(sent.id)).toMatchObject({ name: "organization/created", status: "PENDING", payload: event.data, attempts: 0 });
    expect((await outboxStatus()).pending).toBeGreaterThanOrEqual(1);

    const { engine, client } = await onlineEngine();
    const replay = await replayOutbox({ client, eventIds: [sent.id] });

    expect(replay).toEqual({ sent: 1, failed: 0, pending: 0, lastError: null });
    expect(engine.paths).toEqual(["/e/test-key"]);
    expect(engine.events).toHaveLength(1);
    expect(engine.events[0]).toMatchObject({ name: "organization/created", id: sent.id, data: event.data });
    const row = await outboxRow(sent.id);
    expect(row).toMatchObject({ status: "SENT", attempts: 1, lastError: null });
    expect(row?.sentAt).toBeInstanceOf(Date);

    const again = await replayOutbox({ client, eventIds: [sent.id] });
    expect(again).toEqual({ sent: 0, failed: 0, pending: 0, lastError: null });
    expect(engine.events).toHaveLength(1);
  });

  it("also catches a direct inngest.send() without an id: the middleware assigns one and stores the event", async () => {
    const event = organizationCreated();

    const { ids } = await (await offlineClient()).send({ name: event.name, data: event.data });

    expect(ids).toHaveLength(1);
    const [id = ""] = ids;
    fixtures.trackEvent(id);
    expect(await outboxRow(id)).toMatchObject({ name: event.name, status: "PENDING", payload: event.data });
  });

  it("keeps the event when no event key is configured in cloud mode", async () => {
    const sent = await sendEvent(organizationCreated(), { client: createJobsClient({ isDev: false, logger: silentLogger }) });
    fixtures.trackEvent(sent.id);

    expect(sent.queued).toBe(true);
    expect(await outboxRow(sent.id)).toMatchObject({ status: "PENDING" });
  });

  it("keeps the caller's event id, so a retried user action is stored once", async () => {
    const client = createJobsClient({ isDev: false, logger: silentLogger });
    const id = fixtures.trackEvent(`test-${randomUUID()}`);
    const event = { ...organizationCreated(), id };

    await sendEvent(event, { client });
    await sendEvent(event, { client });

    expect(await systemDb().eventOutbox.count({ where: { eventId: id } })).toBe(1);
  });

  it("gives up on an engine that accepts connections but never answers", async () => {
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

  it("sends straight to a reachable engine without touching the outbox", async () => {
    const { engine, client } = await onlineEngine();
    const event = organizationCreated();

    const sent = await sendEvent(event, { client });

    expect(sent.queued).toBe(false);
    expect(engine.events).toEqual([expect.objectContaining({ name: event.name, id: sent.id, data: event.data })]);
    expect(await outboxRow(sent.id)).toBeNull();
  });

  it("counts a failed replay and keeps the event waiting", async () => {
    const offline = await offlineClient();
    const sent = await sendEvent(organizationCreated(), { client: offline });
    fixtures.trackEvent(sent.id);

    const replay = await replayOutbox({ client: offline, eventIds: [sent.id] });

    expect(replay).toMatchObject({ sent: 0, failed: 1, pending: 1 });
    expect(replay.lastError).toEqual(expect.any(String));
    expect(await outboxRow(sent.id)).toMatchObject({ status: "PENDING", attempts: 1 });
  });

  it("rejects an invalid payload at the call site instead of queueing it", async () => {
    const client = createJobsClient({ isDev: false, logger: silentLogger });

    await expect(
      sendEvent({ name: "organization/created", data: { organizationId: "not-an-id", createdByUserId: null } }, { client }),
    ).rejects.toThrow(/organizationId/);
  });
});
