import { poolOf } from "../client";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { scopeArgs, TenantScopeError } from "./scope";
import { isOrganizationModel, isSystemModel, isTenantModel, RLS_ORG_SETTING, RLS_USER_SETTING } from "./tenant-models";
import { EntryChanged, readTransaction, type QueryRows } from "./read-path";
import type { OrganizationAccessRow } from "./organization-access";
import { queryRows, startingWith, type SettingsTicket } from "./transaction-settings";

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
    client: {
      $organizationId: orgId,
      /**
       * A raw statement on this transaction's connection through the driver alone (no ORM
       * pipeline), with `$queryRaw`'s value types: for hot statements whose SQL already returns
       * the API's shape (the posts list). Only inside `withOrg`; RLS applies as to any statement.
       */
      $queryRows<T>(query: Prisma.Sql): Promise<T[]> {
        return queryRows<T>(orgId, query);
      },
    },
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

/** What the read path gives: the organization, and raw statements on its read-only transaction. */
export type TenantRows = Pick<TenantDb, "$organizationId" | "$queryRows">;

export interface TenantDatabase {
  /** Runs `fn` in one transaction as the app role with the organization's RLS setting. */
  withOrg<T>(orgId: string, fn: (db: TenantDb) => Promise<T>, options?: TenantOptions): Promise<T>;
  /**
   * The read path: `fn` gets raw statements (`$queryRows`) in one READ ONLY transaction with the
   * same RLS settings, run on the app pool by pg alone (read-path.ts) — for hot lists whose SQL
   * already returns the API's shape. PostgreSQL refuses any write in it.
   */
  readWithOrg<T>(orgId: string, fn: (db: TenantRows) => Promise<T>, options?: TenantOptions): Promise<T>;
  /**
   * The read path entered by the URL's slug in the same round trip as its BEGIN: the transaction
   * sets the user, `mg_enter_organization` finds their access and puts the organization in scope.
   * `admit` judges that row (undefined: no access) and throws to refuse — the transaction then
   * rolls back before anything is read; otherwise `fn` runs with what it returned.
   * When the same user entered the same organization before, `fn` runs at once with the row that
   * entry found, its first statement pipelined behind this entry (one round trip); no statement's
   * rows reach `fn`, and nothing it returns is returned, unless this entry finds that very row —
   * otherwise the speculative run is rolled back and the entry judged afresh, so `fn` may run
   * twice and must do nothing but read.
   */
  readEnteringOrg<A, T>(
    entry: { slug: string; userId: string },
    admit: (access: OrganizationAccessRow | undefined) => A,
    fn: (db: TenantRows, admitted: A) => Promise<T>,
    options?: Pick<TenantOptions, "timeout">,
  ): Promise<T>;
  /**
   * The public read path (landing pages, forms, links on the public site): a READ ONLY
   * transaction as the app role with no organization and no user in scope. RLS shows nothing
   * until `fn`'s first statement enters one through a public entry function
   * (`mg_enter_public_organization`, which sets the scope only for a live organization); the
   * caller (packages/api services/lead-capture/public-entry.ts) judges the row it returns.
   */
  readPublic<T>(fn: (query: QueryRows) => Promise<T>, options?: Pick<TenantOptions, "timeout">): Promise<T>;
  /** A scoped client whose every operation runs in its own transaction with RLS set. */
  forOrg(orgId: string): TenantDb;
}

/** Extended clients are reused per organization: building one per transaction costs CPU on hot paths. */
const SCOPED_CACHE_LIMIT = 500;

/** How long the read path waits for a pooled connection (Prisma's maxWait for withOrg). */
const READ_MAX_WAIT_MS = 10_000;

/** What `admit` makes of a row, or undefined where it refuses (the refusal is then decided afresh). */
function admitting<A>(admit: (access: OrganizationAccessRow | undefined) => A, row: OrganizationAccessRow): { value: A } | undefined {
  try {
    return { value: admit(row) };
  } catch {
    return undefined;
  }
}

/** The access each (user, organization) entry last found, for the next entry to speculate on. */
class LastAccess {
  private readonly rows = new Map<string, OrganizationAccessRow>();
  constructor(private readonly limit: number) {}
  get(key: string): OrganizationAccessRow | undefined {
    return this.rows.get(key);
  }
  set(key: string, row: OrganizationAccessRow): void {
    // Insertion order is the eviction order: refresh its place.
    this.rows.delete(key);
    if (this.rows.size >= this.limit) {
      const oldest = this.rows.keys().next().value;
      if (oldest !== undefined) this.rows.delete(oldest);
    }
    this.rows.set(key, row);
  }
  delete(key: string): void {
    this.rows.delete(key);
  }
}

/** Entries remembered for speculation (a row each: a few MB at most). */
const LAST_ACCESS_LIMIT = 2_000;

export function createTenantDatabase(base: PrismaClient, appRole: string): TenantDatabase {
  const cache = new Map<string, ScopedClient>();
  const lastAccess = new LastAccess(LAST_ACCESS_LIMIT);
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
  const rlsStatement = (orgId: string) =>
    base.$executeRaw`SELECT set_config('role', ${appRole}, true), set_config(${RLS_ORG_SETTING}, ${orgId}, true), set_config(${RLS_USER_SETTING}, ${""}, true)`;
  const settingsFor = (organizationId: string, userId: string | null | undefined) => ({ role: appRole, organizationId, userId: userId ?? "" });
  // Fail closed and loudly: a base client whose driver adapter does not apply the settings
  // (see transaction-settings.ts) would otherwise run tenant work that RLS answers with nothing.
  const assertApplied = (ticket: SettingsTicket) => {
    if (ticket.state !== "applied") throw new TenantScopeError("The tenant transaction started without its RLS settings: the client must use applyingTenantSettings()");
  };

  return {
    async withOrg(orgId, fn, options = {}) {
      assertOrgId(orgId);
      const client = scopedFor(orgId);
      // The driver applies role, organization and user as the transaction begins (transaction-settings.ts).
      return startingWith(settingsFor(orgId, options.userId), (ticket) =>
        client.$transaction(
          async (tx) => {
            assertApplied(ticket);
            return fn(tx);
          },
          { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
        ),
      );
    },
    async readWithOrg(orgId, fn, options = {}) {
      assertOrgId(orgId);
      const pool = poolOf(base);
      if (!pool) throw new TenantScopeError("readWithOrg needs a client made by createPrismaClient (its pool is the app role's)");
      const settings = settingsFor(orgId, options.userId);
      return readTransaction(await pool(), { settings }, { timeout: options.timeout ?? 15_000, maxWait: READ_MAX_WAIT_MS }, (query) =>
        fn({ $organizationId: orgId, $queryRows: query }),
      );
    },
    async readEnteringOrg(entry, admit, fn, options = {}) {
      const pool = poolOf(base);
      if (!pool) throw new TenantScopeError("readEnteringOrg needs a client made by createPrismaClient (its pool is the app role's)");
      if (!UUID.test(entry.userId)) {
        // Nobody's id: no access, decided without a transaction (the function casts it to uuid).
        admit(undefined);
        throw new TenantScopeError("readEnteringOrg admitted a caller without access");
      }
      const opening = { entry: { role: appRole, userId: entry.userId, slug: entry.slug } };
      const readOptions = { timeout: options.timeout ?? 15_000, maxWait: READ_MAX_WAIT_MS };
      const key = `${entry.userId}\n${entry.slug}`;
      // Speculation (one round trip): admit what the last entry found and send the first
      // statement behind this entry. The decision still rests on this transaction's own entry —
      // nothing read is handed out unless it found exactly the row admitted — and when it did
      // not, the request is entered and judged afresh below.
      const expected = lastAccess.get(key);
      if (expected) {
        const admitted = admitting(admit, expected);
        if (admitted) {
          try {
            return await readTransaction(await pool(), { ...opening, expect: expected }, readOptions, (query) =>
              fn({ $organizationId: expected.id, $queryRows: query }, admitted.value),
            );
          } catch (error) {
            if (!(error instanceof EntryChanged)) throw error;
          }
        }
        lastAccess.delete(key);
      }
      return readTransaction(await pool(), opening, readOptions, async (query, access) => {
        const admitted = admit(access);
        // admit returned, so there is access: the function put exactly this organization in scope.
        if (!access) throw new TenantScopeError("readEnteringOrg admitted a caller without access");
        assertOrgId(access.id);
        lastAccess.set(key, access);
        return fn({ $organizationId: access.id, $queryRows: query }, admitted);
      });
    },
    async readPublic(fn, options = {}) {
      const pool = poolOf(base);
      if (!pool) throw new TenantScopeError("readPublic needs a client made by createPrismaClient (its pool is the app role's)");
      const settings = { role: appRole, organizationId: "", userId: "" };
      return readTransaction(await pool(), { settings }, { timeout: options.timeout ?? 15_000, maxWait: READ_MAX_WAIT_MS }, (query) => fn(query));
    },
    forOrg(orgId) {
      assertOrgId(orgId);
      // Each operation becomes a two-statement batch transaction: the RLS settings, then the query.
      // (A one-statement batch would run without a transaction, so the settings stay a statement here.)
      return base.$extends(orgScopeExtension(orgId)).$extends({
        name: "org-rls-per-operation",
        query: {
          $allModels: {
            async $allOperations({ args, query }) {
              const [, result] = await base.$transaction([rlsStatement(orgId), query(args)]);
              return result;
            },
          },
        },
      }) as unknown as TenantDb;
    },
  };
}
