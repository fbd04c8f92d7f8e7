import type { PrismaClient } from "./client";
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

export { disconnectAll } from "./singletons";
