import { createPrismaClient, type PrismaClient } from "./client";
import { appDatabaseUrl, dbEnv } from "./env";

// Kept on globalThis so Next.js hot reloads reuse the pools instead of leaking connections.
const store = globalThis as unknown as { __mgAppPrisma?: PrismaClient; __mgSystemPrisma?: PrismaClient };

export function appPrisma(): PrismaClient {
  store.__mgAppPrisma ??= createPrismaClient(appDatabaseUrl(), dbEnv().DATABASE_POOL_MAX, { tenantSettings: true });
  return store.__mgAppPrisma;
}

export function systemPrisma(): PrismaClient {
  store.__mgSystemPrisma ??= createPrismaClient(dbEnv().DATABASE_URL, Math.max(2, Math.floor(dbEnv().DATABASE_POOL_MAX / 2)));
  return store.__mgSystemPrisma;
}

export async function disconnectAll(): Promise<void> {
  await Promise.all([store.__mgAppPrisma?.$disconnect(), store.__mgSystemPrisma?.$disconnect()]);
  store.__mgAppPrisma = undefined;
  store.__mgSystemPrisma = undefined;
}
