import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { scopeArgs, TenantScopeError } from "./scope";
import { isOrganizationModel, isSystemModel, isTenantModel, RLS_ORG_SETTING, RLS_USER_SETTING } from "./tenant-models";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertOrgId(orgId: string): void {
  if (!UUID.test(orgId)) throw new TenantScopeError(`Not an organization id: ${JSON.stringify(orgId)}`);
}

/** Query extension: every operation on a tenant model is rewritten by `scopeArgs`. */
function orgScopeExtension(orgId: string) {
  return Prisma.defineExtension({
    name: "org-scope",
    // Raw SQL through the scoped client (a list's one statement, a bulk INSERT) names the
    // organization as a bound value too: RLS enforces it, the explicit predicate lets the planner
    // (and, sharded, the router) go straight to that organization's rows.
    client: { $organizationId: orgId },
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (isSystemModel(model)) throw new TenantScopeError(`${model} is a system table; use systemDb`);
          if (!isTenantModel(model) && !isOrganizationModel(model)) return query(args);
          return query(scopeArgs(model, operation, args, orgId) as typeof args);
        },
      },
    },
  });
}

/** Query extension for the unscoped app client: tenant models are unreachable through it. */
export const refuseTenantModels = Prisma.defineExtension({
  name: "refuse-tenant-models",
  query: {
    $allModels: {
      $allOperations({ model, operation, args, query }) {
        if (isTenantModel(model) || isOrganizationModel(model)) {
          throw new TenantScopeError(`${model}.${operation} through the unscoped client: use withOrg()/forOrg() (or systemDb for system work)`);
        }
        if (isSystemModel(model)) throw new TenantScopeError(`${model} is a system table; use systemDb`);
        return query(args);
      },
    },
  },
});

function scoped(base: PrismaClient, orgId: string) {
  return base.$extends(orgScopeExtension(orgId));
}

type ScopedClient = ReturnType<typeof scoped>;
/** What a handler gets: the scoped client inside one transaction with RLS set. */
export type TenantDb = Omit<ScopedClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export interface TenantOptions {
  /** The acting user, exposed to SQL as app.current_user_id (auditing, future policies). */
  userId?: string | null;
  /** Interactive transaction timeout in ms (Prisma's default 5 s is short for imports). */
  timeout?: number;
}

export interface TenantDatabase {
  /** Runs `fn` in one transaction as the app role with the organization's RLS setting. */
  withOrg<T>(orgId: string, fn: (db: TenantDb) => Promise<T>, options?: TenantOptions): Promise<T>;
  /** A scoped client whose every operation runs in its own transaction with RLS set. */
  forOrg(orgId: string): TenantDb;
}

/** Extended clients are reused per organization: building one per transaction costs CPU on hot paths. */
const SCOPED_CACHE_LIMIT = 500;

export function createTenantDatabase(base: PrismaClient, appRole: string): TenantDatabase {
  const cache = new Map<string, ScopedClient>();
  const scopedFor = (orgId: string): ScopedClient => {
    let client = cache.get(orgId);
    if (client) {
      // Refresh its place: the Map's insertion order is the eviction order.
      cache.delete(orgId);
    } else {
      client = scoped(base, orgId);
      if (cache.size >= SCOPED_CACHE_LIMIT) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
    cache.set(orgId, client);
    return client;
  };
  const rlsStatement = (orgId: string, userId: string | null | undefined) =>
    base.$executeRaw`SELECT set_config('role', ${appRole}, true), set_config(${RLS_ORG_SETTING}, ${orgId}, true), set_config(${RLS_USER_SETTING}, ${userId ?? ""}, true)`;

  return {
    async withOrg(orgId, fn, options = {}) {
      assertOrgId(orgId);
      return scopedFor(orgId).$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT set_config('role', ${appRole}, true), set_config(${RLS_ORG_SETTING}, ${orgId}, true), set_config(${RLS_USER_SETTING}, ${options.userId ?? ""}, true)`;
          return fn(tx);
        },
        { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
      );
    },
    forOrg(orgId) {
      assertOrgId(orgId);
      // Each operation becomes a two-statement batch transaction: the RLS settings, then the query.
      return base.$extends(orgScopeExtension(orgId)).$extends({
        name: "org-rls-per-operation",
        query: {
          $allModels: {
            async $allOperations({ args, query }) {
              const [, result] = await base.$transaction([rlsStatement(orgId, null), query(args)]);
              return result;
            },
          },
        },
      }) as unknown as TenantDb;
    },
  };
}
