import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import type { ConnectionInfo, IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import type { Prisma } from "../generated/prisma/client";
import { toRows, toSqlQuery } from "./raw-rows";
import { TenantScopeError } from "./scope";
import { RLS_ORG_SETTING, RLS_USER_SETTING } from "./tenant-models";

/**
 * How a tenant transaction gets its RLS settings: at the driver, as part of starting the
 * transaction, instead of as a first query through Prisma inside it. A raw statement through
 * Prisma's interactive transaction costs its whole query pipeline (≈ 0.3 ms of CPU, more than the
 * round trip itself). Here the settings travel with BEGIN itself — `BEGIN; SELECT set_config(…)`
 * in one simple-protocol message, one round trip — when every value is one whose literal cannot
 * be anything else (a uuid, a plain role name); otherwise as one bound statement right after BEGIN.
 * Either way they stay transaction-local (`set_config(…, true)`): they end with the transaction
 * and cannot leak through the pool or a transaction-mode pooler. A round trip is what a request
 * pays most for once the database is across a network.
 *
 * The organization travels from `withOrg` to the adapter in an AsyncLocalStorage ticket that
 * only the next transaction started in that async context takes: a transaction started later
 * inside the callback (a nested `withOrg` has its own ticket; a global-client transaction has
 * none) begins plain. A ticket that was not applied makes `withOrg` throw before the callback runs,
 * so a client built without this adapter cannot silently run tenant work without the setting.
 */
export interface TenantSettings {
  /** The role the transaction runs as (`set_config('role', …)`: never the owner). */
  role: string;
  organizationId: string;
  /** The acting user, or "" for none (jobs). */
  userId: string;
  /** BEGIN READ ONLY: PostgreSQL refuses any write in the transaction. */
  readOnly?: boolean;
}

export interface SettingsTicket {
  readonly settings: TenantSettings;
  state: "waiting" | "starting" | "applied";
  /** While starting: the BEGIN that carries the settings, for the pool to put on the connection. */
  begin?: string;
  /** The connection's BEGIN carried the settings (so no separate statement is needed). */
  sentWithBegin?: boolean;
  /** Takes the BEGIN off the connection if the adapter never sent it. */
  disarm?: () => void;
  /** The transaction that took the ticket, while it is open (for `queryRows`). */
  transaction?: TrackedTransaction;
}

// One store per process, on globalThis: a Next.js build bundles this module into several chunks,
// and the client (a globalThis singleton, created by whichever copy ran first) must read the
// tickets that every copy's withOrg writes — with one store per copy it read none and refused.
const holder = globalThis as unknown as { __mgTenantSettingsTickets?: AsyncLocalStorage<SettingsTicket> };
const tickets = (holder.__mgTenantSettingsTickets ??= new AsyncLocalStorage<SettingsTicket>());

/** Runs `start` (which starts exactly one transaction) so that transaction begins with `settings`. */
export function startingWith<T>(settings: TenantSettings, start: (ticket: SettingsTicket) => Promise<T>): Promise<T> {
  const ticket: SettingsTicket = { settings, state: "waiting" };
  return tickets.run(ticket, () => start(ticket));
}

/** One statement, values bound: the role, the organization and the acting user. */
const SETTINGS_SQL = `SELECT set_config('role', $1, true), set_config('${RLS_ORG_SETTING}', $2, true), set_config('${RLS_USER_SETTING}', $3, true)`;
const STRING_ARG = { scalarType: "string", arity: "scalar" } as const;

function settingsQuery({ role, organizationId, userId }: TenantSettings): SqlQuery {
  return { sql: SETTINGS_SQL, args: [role, organizationId, userId], argTypes: [STRING_ARG, STRING_ARG, STRING_ARG] };
}

/** The same statement for pg itself (the read path). */
export function settingsStatement({ role, organizationId, userId }: TenantSettings): pg.QueryConfig {
  return { text: SETTINGS_SQL, values: [role, organizationId, userId] };
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PLAIN_ROLE = /^[a-z_][a-z0-9_]*$/;

/**
 * BEGIN and the settings as one simple-protocol message (which cannot bind values), or undefined
 * unless every value is a uuid or a plain role name: then its literal holds no quote, backslash
 * or anything but letters, digits, `-` and `_`, and cannot end the string it is in.
 */
export function beginWithSettings({ role, organizationId, userId, readOnly }: TenantSettings): string | undefined {
  if (!PLAIN_ROLE.test(role) || !UUID.test(organizationId) || (userId !== "" && !UUID.test(userId))) return undefined;
  const begin = readOnly ? "BEGIN READ ONLY" : "BEGIN";
  return `${begin}; SELECT set_config('role', '${role}', true), set_config('${RLS_ORG_SETTING}', '${organizationId}', true), set_config('${RLS_USER_SETTING}', '${userId}', true)`;
}

/**
 * Makes the app client's pool put the settings on BEGIN: when the adapter checks out a connection
 * to start a ticket's transaction, that connection's next statement — the adapter's BEGIN — goes
 * as `beginWithSettings` instead. Armed for that one statement only, and disarmed by the adapter
 * however the start ends (`disarm`), so a connection never returns to the pool armed.
 */
function armingBegin(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool);
  const checkout = (callback?: Parameters<pg.Pool["connect"]>[0]) => {
    // pg-pool's own `query()` checks out with a callback: never for a transaction.
    if (callback) return connect(callback);
    const ticket = tickets.getStore();
    const begin = ticket?.state === "starting" ? ticket.begin : undefined;
    if (!ticket || !begin) return connect();
    ticket.begin = undefined;
    return connect().then((client) => {
      armBegin(client, ticket, begin);
      return client;
    });
  };
  pool.connect = checkout as pg.Pool["connect"];
}

/** The adapter's BEGIN: unnamed and without values, so it goes by the simple protocol, which takes two statements. */
const isBegin = (config: unknown): config is pg.QueryConfig => {
  if (typeof config !== "object" || config === null) return false;
  const { text, name, values } = config as { text?: unknown; name?: unknown; values?: unknown };
  return text === "BEGIN" && !name && (values === undefined || (Array.isArray(values) && values.length === 0));
};

function armBegin(client: pg.PoolClient, ticket: SettingsTicket, begin: string): void {
  const plain = client.query;
  let isArmed = true;
  const disarm = () => {
    if (!isArmed) return;
    isArmed = false;
    // The instance property goes; the prototype's query is back.
    Reflect.deleteProperty(client, "query");
  };
  const beginning = function (this: pg.PoolClient, ...args: unknown[]): unknown {
    disarm();
    const [config] = args;
    if (isBegin(config)) {
      ticket.sentWithBegin = true;
      args[0] = { ...config, text: begin };
    }
    return Reflect.apply(plain, this, args);
  };
  ticket.disarm = disarm;
  Object.defineProperty(client, "query", { value: beginning, configurable: true, writable: true });
}

/**
 * The adapter's transaction, knowing whether it is still open: `queryRows` must never send a
 * statement on a connection whose transaction ended (it may already serve another tenant). Prisma
 * ends a transaction by sending COMMIT or ROLLBACK through `executeRaw` and then releasing it, on
 * success, failure and timeout alike; both mark it closed before anything is sent.
 */
class TrackedTransaction implements Transaction {
  readonly provider: Transaction["provider"];
  readonly adapterName: string;
  readonly options: Transaction["options"];
  open = true;

  constructor(private readonly inner: Transaction) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  queryRaw(query: SqlQuery) {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery) {
    if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql)) this.open = false;
    return this.inner.executeRaw(query);
  }

  commit() {
    this.open = false;
    return this.inner.commit();
  }

  rollback() {
    this.open = false;
    return this.inner.rollback();
  }

  async createSavepoint(name: string) {
    if (!this.inner.createSavepoint) throw new Error(`${this.adapterName} does not support savepoints`);
    await this.inner.createSavepoint(name);
  }

  async rollbackToSavepoint(name: string) {
    if (!this.inner.rollbackToSavepoint) throw new Error(`${this.adapterName} does not support savepoints`);
    await this.inner.rollbackToSavepoint(name);
  }

  async releaseSavepoint(name: string) {
    await this.inner.releaseSavepoint?.(name);
  }
}

/**
 * Runs one raw statement on the connection of the current `withOrg` transaction of
 * `organizationId`, through the driver alone: RLS applies exactly as to everything else in that
 * transaction; what is skipped is Prisma's query pipeline (≈ 0.2 ms for a page of 25 rows).
 */
export async function queryRows<T>(organizationId: string, query: Prisma.Sql): Promise<T[]> {
  const ticket = tickets.getStore();
  const transaction = ticket?.transaction;
  if (!ticket || !transaction || ticket.state !== "applied" || ticket.settings.organizationId !== organizationId) {
    throw new TenantScopeError("$queryRows runs only inside a withOrg() transaction of the same organization");
  }
  // Checked and sent in one synchronous step: the driver queues the statement before anything else runs.
  if (!transaction.open) throw new TenantScopeError("$queryRows after its transaction ended");
  return toRows<T>(await transaction.queryRaw(toSqlQuery(query)));
}

class TenantSettingsAdapter implements PgDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  readonly getConnectionInfo?: () => ConnectionInfo;

  constructor(private readonly inner: PgDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    const connectionInfo = inner.getConnectionInfo?.bind(inner);
    if (connectionInfo) this.getConnectionInfo = connectionInfo;
  }

  queryRaw(query: SqlQuery) {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery) {
    return this.inner.executeRaw(query);
  }

  executeScript(script: string) {
    return this.inner.executeScript(script);
  }

  dispose() {
    return this.inner.dispose();
  }

  underlyingDriver() {
    return this.inner.underlyingDriver();
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const store = tickets.getStore();
    // Taken synchronously, before anything is awaited: no other transaction can claim it.
    const ticket = store?.state === "waiting" ? store : undefined;
    if (!ticket) return this.inner.startTransaction(isolationLevel);
    ticket.state = "starting";
    // SET TRANSACTION ISOLATION LEVEL must come before any SELECT: then the settings follow it.
    ticket.begin = isolationLevel ? undefined : beginWithSettings(ticket.settings);
    let started: Transaction;
    try {
      started = await this.inner.startTransaction(isolationLevel);
    } finally {
      ticket.begin = undefined;
      ticket.disarm?.();
    }
    const transaction = new TrackedTransaction(started);
    try {
      // Sent with BEGIN unless a value could not be a literal (or the adapter's BEGIN changed).
      if (!ticket.sentWithBegin) {
        if (ticket.settings.readOnly) await transaction.executeRaw({ sql: "SET TRANSACTION READ ONLY", args: [], argTypes: [] });
        await transaction.executeRaw(settingsQuery(ticket.settings));
      }
    } catch (error) {
      // Never hand the connection back inside an open transaction.
      await transaction.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
      await transaction.rollback();
      throw error;
    }
    ticket.state = "applied";
    ticket.transaction = transaction;
    return transaction;
  }
}

/** A driver adapter over a pg pool (what @prisma/adapter-pg's factory connects to). */
export type PgDriverAdapter = SqlDriverAdapter & { underlyingDriver(): pg.Pool };
export interface PgDriverFactory extends SqlDriverAdapterFactory {
  connect(): Promise<PgDriverAdapter>;
}

/** The app client's driver adapter: transactions started through `startingWith` carry the tenant settings. */
export function applyingTenantSettings(factory: PgDriverFactory): PgDriverFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const inner = await factory.connect();
      armingBegin(inner.underlyingDriver());
      return new TenantSettingsAdapter(inner);
    },
  };
}
