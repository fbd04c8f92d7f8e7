import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export { PrismaClient };

export function createPrismaClient(connectionString: string, poolMax: number): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolMax, idleTimeoutMillis: 10_000 });
  return new PrismaClient({ adapter });
}
