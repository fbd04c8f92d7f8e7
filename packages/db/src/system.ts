import { queryRowsOn, type PrismaClient } from "./client";
import type { Prisma } from "./generated/prisma/client";
import { systemPrisma } from "./singletons";

/**
 * THE system path: the owner connection, unscoped, not subject to the app role's RLS.
 * Only for work that has no tenant yet or spans tenants by design: resolving which
 * organizations a user may enter, authentication, invitation lookup by token, org creation,
 * jobs, migrations and seeding. Grep `@mg/db/system` to audit every use.
 */
export function systemDb(): PrismaClient {
  return systemPrisma();
}

/**
 * One statement on the system connection through the driver alone (no ORM pipeline), with
 * `$queryRaw`'s value types: for the system-path read every request makes (resolving access).
 */
export function systemRows<T>(query: Prisma.Sql): Promise<T[]> {
  return queryRowsOn<T>(systemPrisma(), query);
}

export { disconnectAll } from "./singletons";
