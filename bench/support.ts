import { randomUUID } from "node:crypto";
import pg from "pg";
import { systemDb } from "@mg/db/system";
import { tokenColumnsFor } from "@mg/integrations/accounts";
import { createSandboxAdapter, encodeSandboxCode } from "@mg/integrations/sandbox";

/** Shared set-up for the benchmarks: a throwaway organization with an owner and Sandbox accounts. */
export async function benchTenant(label: string, accounts = 2) {
  const tag = `${label}-${randomUUID().slice(0, 8)}`;
  const db = systemDb();
  const org = await db.organization.create({ data: { name: `Bench ${tag}`, slug: `bench-${tag}`, plan: "ENTERPRISE", status: "ACTIVE", timezone: "Europe/London" } });
  const user = await db.user.create({ data: { email: `bench-${tag}@bench.local`, name: "Bench Owner", emailVerified: new Date() } });
  await db.membership.create({ data: { organizationId: org.id, userId: user.id, role: "OWNER" } });
  // Connected through the Sandbox's own code exchange, so the tokens are real (encrypted) ones.
  const sandbox = createSandboxAdapter({ appUrl: "http://localhost:3000" });
  const socialAccounts = [];
  for (let i = 0; i < accounts; i++) {
    const handle = `bench_${i}_${tag.slice(-8)}`;
    const { tokens, profiles } = await sandbox.exchangeCode({ code: encodeSandboxCode({ name: `Bench ${i}`, handle }), codeVerifier: "", redirectUri: "" });
    const profile = profiles[0];
    if (!profile) throw new Error("the Sandbox returned no profile");
    socialAccounts.push(
      await db.socialAccount.create({
        data: { organizationId: org.id, network: "SANDBOX", externalId: profile.externalId, name: profile.name, handle, status: "CONNECTED", ...tokenColumnsFor(tokens) },
      }),
    );
  }
  return {
    org,
    user: { id: user.id, email: user.email, name: user.name, emailVerified: true, sessionId: null },
    accounts: socialAccounts,
    cleanup: async () => {
      await db.organization.delete({ where: { id: org.id } });
      await db.user.delete({ where: { id: user.id } });
    },
  };
}

/** A plain pg connection as the owner, for the baseline INSERTs. */
export async function rawClient(): Promise<pg.Client> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run through `pnpm bench` (scripts/with-db.mjs).");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

export interface PlainRow {
  id: string;
  organizationId: string;
  content: string;
  localTime: string;
  scheduledAt: Date;
  accountIds: string[];
  networks: string[];
}

/**
 * The baseline: the same posts and targets written with multi-row INSERTs in one transaction —
 * no validation, no tenant scoping, no events. What the real path costs is reported against it.
 */
export async function plainInsert(client: pg.Client, rows: PlainRow[], chunk = 1_000): Promise<void> {
  await client.query("BEGIN");
  try {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      const postValues: unknown[] = [];
      const postTuples = part.map((row, j) => {
        postValues.push(row.id, row.organizationId, row.content, row.localTime, row.scheduledAt);
        const b = j * 5;
        return `($${b + 1}::uuid, $${b + 2}::uuid, $${b + 3}, 'SCHEDULED', 'Europe/London', $${b + 4}, $${b + 5}, 1, now())`;
      });
      await client.query(
        `INSERT INTO posts (id, organization_id, content, status, timezone, local_time, scheduled_at, schedule_version, updated_at) VALUES ${postTuples.join(",")}`,
        postValues,
      );
      const targetValues: unknown[] = [];
      const targetTuples: string[] = [];
      for (const row of part) {
        row.accountIds.forEach((accountId, k) => {
          const b = targetValues.length;
          targetValues.push(randomUUID(), row.organizationId, row.id, accountId, row.networks[k], row.scheduledAt);
          targetTuples.push(`($${b + 1}::uuid, $${b + 2}::uuid, $${b + 3}::uuid, $${b + 4}::uuid, $${b + 5}::"SocialNetwork", 'SCHEDULED', $${b + 6}, now())`);
        });
      }
      await client.query(
        `INSERT INTO post_targets (id, organization_id, post_id, social_account_id, network, status, scheduled_at, updated_at) VALUES ${targetTuples.join(",")}`,
        targetValues,
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

export interface StatementCount {
  /** As the app role: the tenant transactions of the product path (BEGIN/COMMIT and set_config included). */
  app: number;
  /** As the owner: the system path (discovery across tenants; the Sandbox network's own storage). */
  system: number;
}

/**
 * Counts every statement sent through `pg` (Prisma's driver adapter and the baseline client use
 * the same module), split by the role of the connection, while `fn` runs; also the process's CPU.
 */
export async function measured<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T; statements: StatementCount; cpuMs: number }> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const statements: StatementCount = { app: 0, system: 0 };
  const systemUser = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@localhost/x").username || "postgres";
  proto.query = function (this: { user?: string }, ...args: unknown[]) {
    if (this.user === systemUser) statements.system++;
    else statements.app++;
    return original.apply(this, args);
  };
  const cpu = process.cpuUsage();
  try {
    const { ms, result } = await timed(fn);
    const used = process.cpuUsage(cpu);
    return { ms, result, statements, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    proto.query = original;
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, result };
}

export function report(title: string, rows: number, realMs: number, baselineMs: number, extra: Record<string, string | number> = {}): void {
  const perSecond = (ms: number) => Math.round((rows / ms) * 1000).toLocaleString("en-US");
  console.log(`\n${title}`);
  console.log(`  rows:                 ${rows.toLocaleString("en-US")}`);
  console.log(`  product path:         ${realMs.toFixed(0)} ms  (${perSecond(realMs)} rows/s)`);
  console.log(`  plain INSERT:         ${baselineMs.toFixed(0)} ms  (${perSecond(baselineMs)} rows/s)`);
  console.log(`  ratio (product/plain): ${(realMs / baselineMs).toFixed(2)}x`);
  for (const [key, value] of Object.entries(extra)) console.log(`  ${`${key}:`.padEnd(22)}${value}`);
}
