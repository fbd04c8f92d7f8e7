import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Prisma } from "../src/generated/prisma/client";
import { disconnectAll, systemDb } from "../src/system";

// A Next.js production build bundles @mg/db into several chunks: the app client (a globalThis
// singleton) is made by whichever copy runs first, and withOrg may come from another copy. The
// settings tickets must be one store per process, or every tenant transaction of the other
// copies begins without its RLS settings and is refused. Two module instances stand in for two
// chunks here.
const org = randomUUID();

beforeAll(async () => {
  await systemDb().organization.create({ data: { id: org, name: "Copies", slug: `copies-${org}` } });
});

afterAll(async () => {
  await systemDb().organization.deleteMany({ where: { id: org } });
  await disconnectAll();
});

describe("tenant settings across copies of the module", () => {
  it("a client made by one copy applies the settings that another copy's withOrg asks for, and its read path finds the pool", async () => {
    const first = await import("../src/client");
    const firstSettings = await import("../src/tenancy/transaction-settings");
    const { dbEnv, appDatabaseUrl } = await import("../src/env");
    vi.resetModules();
    const second = await import("../src/tenancy/tenant-client");
    // Two instances of the module, as two chunks would hold.
    expect(await import("../src/tenancy/transaction-settings")).not.toBe(firstSettings);
    const client = first.createPrismaClient(appDatabaseUrl(), 1, { tenantSettings: true });
    try {
      const seen = await second.createTenantDatabase(client, dbEnv().DATABASE_APP_ROLE).withOrg(org, async (tx) => {
        const [row] = await tx.$queryRaw<{ org: string }[]>(Prisma.sql`SELECT current_setting('app.current_organization_id', true) AS org`);
        return row?.org;
      });
      expect(seen).toBe(org);
      // The read path finds the pool of a client another copy made.
      const read = await second.createTenantDatabase(client, dbEnv().DATABASE_APP_ROLE).readWithOrg(org, async (db) => {
        const [row] = await db.$queryRows<{ org: string }>(Prisma.sql`SELECT current_setting('app.current_organization_id', true) AS org`);
        return row?.org;
      });
      expect(read).toBe(org);
    } finally {
      await client.$disconnect();
    }
  });
});
