import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client";
import { pgQuery } from "./tenancy/raw-rows";
import { applyingTenantSettings, type PgDriverAdapter, type PgDriverFactory } from "./tenancy/transaction-settings";

export { PrismaClient };

export interface PrismaClientOptions {
  /** The app role's client: transactions begun by withOrg carry the RLS settings from their start. */
  tenantSettings?: boolean;
}

/** The driver adapter under each client, for the few hot reads that skip Prisma (and the adapter). */
// One map per process, on globalThis: a Next.js build bundles this module into several chunks,
// and `poolOf` in one copy must find the driver of a client another copy made (the singleton).
const driverHolder = globalThis as unknown as { __mgClientDrivers?: WeakMap<PrismaClient, () => Promise<PgDriverAdapter>> };
const drivers = (driverHolder.__mgClientDrivers ??= new WeakMap<PrismaClient, () => Promise<PgDriverAdapter>>());

/**
 * One driver adapter per connected client, shared by Prisma and by `poolOf` (whichever asks first
 * creates it), and a fresh one once Prisma has disposed of it.
 */
function sharedDriver(create: () => PgDriverFactory, describe: PgDriverFactory): PgDriverFactory {
  let connected: Promise<PgDriverAdapter> | undefined;
  const connect = (): Promise<PgDriverAdapter> => {
    connected ??= create()
      .connect()
      .then((adapter) => {
        const dispose = adapter.dispose.bind(adapter);
        // Prototype methods stay; only dispose also forgets this adapter.
        return Object.assign(adapter, {
          dispose: () => {
            connected = undefined;
            return dispose();
          },
        });
      });
    connected.catch(() => {
      connected = undefined;
    });
    return connected;
  };
  return { provider: describe.provider, adapterName: describe.adapterName, connect };
}

export function createPrismaClient(connectionString: string, poolMax: number, options: PrismaClientOptions = {}): PrismaClient {
  const config: pg.PoolConfig = { connectionString, max: poolMax, idleTimeoutMillis: 10_000 };
  // The tenant settings go with BEGIN; the adapter checks they went (or sends them itself).
  const factory = sharedDriver(() => (options.tenantSettings ? applyingTenantSettings(new PrismaPg(config)) : new PrismaPg(config)), new PrismaPg(config));
  const client = new PrismaClient({ adapter: factory });
  drivers.set(client, factory.connect);
  return client;
}

/** The pg pool under the client (the one Prisma uses), or undefined for a client not made here. */
export function poolOf(client: PrismaClient): (() => Promise<pg.Pool>) | undefined {
  const driver = drivers.get(client);
  return driver && (async () => (await driver()).underlyingDriver());
}

/**
 * One statement on `client`'s pool through pg alone, outside any transaction, with `$queryRaw`'s
 * value types: for a hot read whose SQL already returns the shape wanted.
 */
export async function queryRowsOn<T>(client: PrismaClient, query: Prisma.Sql): Promise<T[]> {
  const pool = poolOf(client);
  if (!pool) return client.$queryRaw<T[]>(query);
  return (await (await pool()).query(pgQuery(query))).rows as T[];
}
