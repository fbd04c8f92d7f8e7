import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { createJobsClient, replayOutbox } from "@mg/jobs";
import { createTenant, deleteTenant, type Tenant } from "../fixtures";

/**
 * The transactional outbox (issue 8 §2): an event is written by the transaction of the change
 * that causes it, so a process that dies between commit and send loses nothing — the relay
 * delivers the event after the restart, once, with its original id.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../../..");
let tenant: Tenant;

/** An engine that accepts connections and never answers: the after-commit send hangs there. */
function hangingEngine(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(() => undefined);
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () =>
      done({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((closed) => {
          server.closeAllConnections();
          server.close(() => closed());
        }),
      }),
    ),
  );
}

/** Just enough of Inngest's event API: POST /e/<key> with a JSON array, answered with ids. */
function recordingEngine(): Promise<{ url: string; ids: string[]; close(): Promise<void> }> {
  const ids: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const batch = JSON.parse(body) as { id: string }[];
      ids.push(...batch.map((e) => e.id));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: batch.map((_, i) => `01RECORDED${i}`), status: 200 }));
    });
  });
  return new Promise((done) =>
    server.listen(0, "127.0.0.1", () => done({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, ids, close: () => new Promise<void>((closed) => server.close(() => closed())) })),
  );
}

async function until<T>(probe: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  tenant = await createTenant("crash");
});
afterAll(async () => {
  await deleteTenant(tenant);
});

describe("a process that dies between commit and send", () => {
  it("loses no event: after the restart the relay delivers it once, with its original id", async () => {
    const engine = await hangingEngine();
    const invitee = `crash-${randomUUID().slice(0, 8)}@test.local`;
    const owner = tenant.users.OWNER;
    const child = spawn(process.execPath, ["--import", "tsx", resolve(here, "crash-child.ts"), owner.id, owner.email, tenant.slug, invitee], {
      cwd: root,
      env: { ...process.env, INNGEST_BASE_URL: engine.url, INNGEST_EVENT_KEY: "crash-test-key", INNGEST_DEV: "0", LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on("exit", (code, signal) => done(signal ? -1 : code)));

    try {
      // The invitation committed (the child is now waiting on the engine that never answers) …
      const invitation = await until(() => systemDb().invitation.findFirst({ where: { organizationId: tenant.id, email: invitee } }), 60_000).catch((error: unknown) => {
        throw new Error(`the child never committed the invitation: ${String(error)}\n${output}`);
      });
      // … give the after-commit delivery time to reach the engine and hang there, then kill the process.
      await new Promise((r) => setTimeout(r, 500));
      child.kill("SIGKILL");
      expect(await exited, output).toBe(-1);
      expect(output).not.toContain("delivered");

      // The event was committed with the invitation, and nothing was delivered.
      const row = await systemDb().eventOutbox.findFirstOrThrow({ where: { name: "member/invited", payload: { path: ["invitationId"], equals: invitation.id } } });
      expect(row).toMatchObject({ status: "PENDING", organizationId: tenant.id });

      // After the restart: the relay (here the engine's replay) delivers it, once.
      await systemDb().eventOutbox.update({ where: { id: row.id }, data: { claimedUntil: null } });
      const recording = await recordingEngine();
      try {
        const client = createJobsClient({ baseUrl: recording.url, eventKey: "crash-test-key", isDev: false });
        expect(await replayOutbox({ client, eventIds: [row.eventId] })).toMatchObject({ sent: 1, pending: 0 });
        expect(await replayOutbox({ client, eventIds: [row.eventId] })).toMatchObject({ sent: 0, pending: 0 });
        expect(recording.ids).toEqual([row.eventId]);
      } finally {
        await recording.close();
      }
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await engine.close();
    }
  }, 90_000);
});
