import { randomUUID } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "../src/client";
import { Prisma } from "../src/generated/prisma/client";
import { appDatabaseUrl, dbEnv } from "../src/env";
import { disconnectAll, systemDb } from "../src/system";
import { createTenantDatabase, type TenantDatabase } from "../src/tenancy/tenant-client";

// What goes over the wire, seen by a TCP relay between the app pool and PostgreSQL: with known
// settings the read path's first statement is written before the answer to its BEGIN arrives (one
// round trip, as its SQL alone); entered by slug, the entry is answered (and judged) before the
// first statement is written. And an opening that fails hands out no rows and leaves no connection.

/** One line per frontend message (type and SQL text) and `server` for each chunk the server sent. */
class WireLog {
  readonly events: string[] = [];
  private buffer = Buffer.alloc(0);
  private started = false;

  fromClient(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      if (!this.started) {
        if (this.buffer.length < 4) return;
        const length = this.buffer.readInt32BE(0);
        if (this.buffer.length < length) return;
        this.buffer = this.buffer.subarray(length);
        this.started = true;
        continue;
      }
      if (this.buffer.length < 5) return;
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < 1 + length) return;
      const type = String.fromCharCode(this.buffer[0] ?? 0);
      const body = this.buffer.subarray(5, 1 + length);
      this.buffer = this.buffer.subarray(1 + length);
      if (type === "Q") this.events.push(`Q ${body.toString("utf8").replace(/\0$/, "")}`);
      // Parse: statement name, then the SQL text.
      else if (type === "P") this.events.push(`P ${body.toString("utf8").split("\0")[1] ?? ""}`);
    }
  }

  fromServer(): void {
    if (this.events.at(-1) !== "server") this.events.push("server");
  }

  /** The events from the last one containing `from` before the first containing `to`, to that one. */
  between(from: string, to: string): string[] {
    const end = this.events.findIndex((e) => e.includes(to));
    const start = this.events.findLastIndex((e, i) => i < end && e.includes(from));
    if (start < 0 || end < 0) throw new Error(`not on the wire: ${from} … ${to}\n${this.events.join("\n")}`);
    return this.events.slice(start, end + 1);
  }
}

let relay: net.Server;
let log: WireLog;
/** Connections the pool opened through the relay (a destroyed one is replaced by a new one). */
let connections = 0;
let client: PrismaClient;
let tenants: TenantDatabase;
const orgId = randomUUID();
const userId = randomUUID();
const slug = `rt-${orgId}`;

beforeAll(async () => {
  await systemDb().organization.create({ data: { id: orgId, name: "Round trips", slug } });
  await systemDb().user.create({ data: { id: userId, email: `rt-${userId}@test.local`, name: "RT" } });
  await systemDb().membership.create({ data: { organizationId: orgId, userId, role: "ADMIN" } });
  const target = new URL(appDatabaseUrl());
  log = new WireLog();
  relay = net.createServer((socket) => {
    connections += 1;
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    socket.on("data", (data) => {
      log.fromClient(data);
      upstream.write(data);
    });
    upstream.on("data", (data) => {
      log.fromServer();
      socket.write(data);
    });
    socket.on("close", () => upstream.destroy());
    upstream.on("close", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const address = relay.address();
  if (!address || typeof address === "string") throw new Error("the relay has no port");
  const url = new URL(appDatabaseUrl());
  url.hostname = "127.0.0.1";
  url.port = String(address.port);
  client = createPrismaClient(url.toString(), 1, { tenantSettings: true });
  tenants = createTenantDatabase(client, dbEnv().DATABASE_APP_ROLE);
});

afterAll(async () => {
  await client.$disconnect();
  await new Promise((resolve) => relay.close(resolve));
  await systemDb().organization.deleteMany({ where: { id: orgId } });
  await systemDb().user.deleteMany({ where: { id: userId } });
  await disconnectAll();
});

describe("the read path on the wire", () => {
  it("with known settings, the first statement is written before BEGIN is answered", async () => {
    const rows = await tenants.readWithOrg(orgId, (db) => db.$queryRows<{ id: string }>(Prisma.sql`SELECT id /* rt-known */ FROM organizations`), { userId });
    expect(rows).toEqual([{ id: orgId }]);
    const wire = log.between("BEGIN READ ONLY", "rt-known");
    expect(wire[0]).toContain(orgId);
    expect(wire).not.toContain("server");
  });

  it("entered by slug for the first time, the entry is answered (and judged) before the first statement is written", async () => {
    const rows = await tenants.readEnteringOrg(
      { slug, userId },
      (access) => access?.id,
      (db) => db.$queryRows<{ id: string }>(Prisma.sql`SELECT id /* rt-entered */ FROM organizations`),
    );
    expect(rows).toEqual([{ id: orgId }]);
    const wire = log.between(slug, "rt-entered");
    expect(wire).toContain("server");
  });

  it("entered again with the same access, the first statement follows the entry in the same round trip", async () => {
    const judged: unknown[] = [];
    const rows = await tenants.readEnteringOrg(
      { slug, userId },
      (access) => judged.push(access?.role),
      (db) => db.$queryRows<{ id: string }>(Prisma.sql`SELECT id /* rt-again */ FROM organizations`),
    );
    expect(rows).toEqual([{ id: orgId }]);
    expect(judged).toEqual(["ADMIN"]);
    const wire = log.between(`mg_enter_organization('${slug}')`, "rt-again");
    expect(wire).not.toContain("server");
  });

  it("when the access changed since, nothing the speculative run read is handed out, and the entry is judged afresh", async () => {
    const read = (tag: string) => (db: { $queryRows: <T>(q: Prisma.Sql) => Promise<T[]> }, role: unknown) =>
      db.$queryRows<{ id: string }>(Prisma.sql`SELECT id FROM organizations WHERE ${tag} <> ''`).then((rows) => ({ rows, role }));
    // Warm: the last entry found ADMIN.
    await tenants.readEnteringOrg({ slug, userId }, (access) => access?.role, read("warm"));
    // The role changes: the speculative run (admitted as ADMIN) must not answer; the fresh entry
    // finds VIEWER, judged again, and the read runs as VIEWER.
    await systemDb().membership.updateMany({ where: { organizationId: orgId, userId }, data: { role: "VIEWER" } });
    const judged: unknown[] = [];
    const seen: unknown[] = [];
    const answer = await tenants.readEnteringOrg(
      { slug, userId },
      (access) => {
        judged.push(access?.role);
        return access?.role;
      },
      async (db, role) => {
        const result = await read("changed")(db, role).catch((error: unknown) => {
          seen.push(error instanceof Error ? error.name : error);
          throw error;
        });
        seen.push(result);
        return result;
      },
    );
    expect(judged).toEqual(["ADMIN", "VIEWER"]);
    expect(seen).toEqual(["EntryChanged", { rows: [{ id: orgId }], role: "VIEWER" }]);
    expect(answer).toEqual({ rows: [{ id: orgId }], role: "VIEWER" });

    // Membership removed: the speculative run (admitted as VIEWER) hands out nothing, and the
    // fresh entry finds no access, which the judge refuses.
    await systemDb().membership.deleteMany({ where: { organizationId: orgId, userId } });
    const refused = new Error("no access");
    const handedOut: unknown[] = [];
    await expect(
      tenants.readEnteringOrg(
        { slug, userId },
        (access) => {
          if (!access) throw refused;
          return access.role;
        },
        async (db) => {
          handedOut.push(await db.$queryRows(Prisma.sql`SELECT id FROM organizations`));
          return "answered";
        },
      ),
    ).rejects.toBe(refused);
    expect(handedOut).toEqual([]);
    // And an empty callback answers only once its entry is confirmed: here it never is.
    await expect(tenants.readEnteringOrg({ slug, userId }, (access) => {
      if (!access) throw refused;
      return access.role;
    }, async () => "answered without reading")).rejects.toBe(refused);
    await systemDb().membership.create({ data: { organizationId: orgId, userId, role: "ADMIN" } });
  });

  it("an opening that fails hands out no rows, and its connection is not reused", async () => {
    // The pool (of one) has its connection; the broken one must not come back.
    await client.$queryRaw`SELECT 1`;
    const before = connections;
    // A role that does not exist: set_config('role', …) fails inside the opening.
    const broken = createTenantDatabase(client, "mg_no_such_role");
    let handedOut: unknown;
    await expect(
      broken.readWithOrg(orgId, async (db) => {
        handedOut = await db.$queryRows(Prisma.sql`SELECT id FROM organizations`);
        return handedOut;
      }),
    ).rejects.toThrow();
    expect(handedOut).toBeUndefined();
    await client.$queryRaw`SELECT 1`;
    expect(connections).toBe(before + 1);
    // The next read is whole again.
    expect(await tenants.readWithOrg(orgId, (db) => db.$queryRows<{ id: string }>(Prisma.sql`SELECT id FROM organizations`))).toEqual([{ id: orgId }]);
  });
});
