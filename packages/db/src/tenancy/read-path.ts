import type pg from "pg";
import { Prisma } from "../generated/prisma/client";
import { ENTER_ORGANIZATION_SQL, type OrganizationAccessRow } from "./organization-access";
import { pgQuery } from "./raw-rows";
import { TenantScopeError } from "./scope";
import { RLS_USER_SETTING } from "./tenant-models";
import { beginWithSettings, PLAIN_ROLE, settingsStatement, UUID, type TenantSettings } from "./transaction-settings";

/**
 * The read path's transaction, on a connection of the app pool through pg alone: neither Prisma's
 * interactive transaction nor its driver adapter, whose CPU per statement was most of what a
 * one-statement read paid on top of its SQL. RLS is untouched — the same settings, applied with
 * BEGIN as `withOrg` applies them, transaction-local — and the transaction is READ ONLY, so
 * PostgreSQL refuses any write in it.
 *
 * Round trips: with known settings the first statement is pipelined behind BEGIN, so a
 * one-statement read costs one round trip, as its SQL alone would; the entry by slug is awaited
 * (its row is judged before anything is read). Connection hygiene: once the transaction ends (its
 * COMMIT is sent after the answer, on the next event-loop turn), on ROLLBACK or at the timeout
 * nothing more is accepted; a connection whose BEGIN, COMMIT or ROLLBACK failed is destroyed,
 * never returned to the pool.
 */
export interface ReadOptions {
  /** Like withOrg's: the transaction is rolled back once it has been open this long. */
  timeout: number;
  /** How long to wait for a pooled connection. */
  maxWait: number;
}

export type QueryRows = <T>(query: Prisma.Sql) => Promise<T[]>;

/**
 * How the transaction gets its scope: the settings of an organization already admitted, or the
 * entry by the URL's slug for the acting user (`mg_enter_organization`), whose access row the
 * callback receives and must judge before it reads anything.
 */
export type Opening =
  | { settings: TenantSettings }
  | {
      entry: { role: string; userId: string; slug: string };
      /**
       * The access this entry is expected to find (what the last one found): the first statement
       * is then sent behind the entry without waiting for it, and the callback receives this row.
       * If the entry finds anything else, nothing read is handed out and the transaction fails
       * with EntryChanged, for the caller to enter and judge afresh.
       */
      expect?: OrganizationAccessRow;
    };

/** The entry found other access than expected: the speculative transaction was rolled back, unread. */
export class EntryChanged extends Error {
  override name = "EntryChanged";
  constructor() {
    super("The organization access changed since it was last entered");
  }
}

/** Two access rows are the same decision input: every column equal (dates and JSON by value). */
export function sameAccess(a: OrganizationAccessRow | undefined, b: OrganizationAccessRow): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** A slug as organizations have them (lower-case letters, digits, dashes): safe as a literal. */
const PLAIN_SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * BEGIN READ ONLY, the role and user settings, and the entry, as one simple-protocol message (one
 * round trip) when every value is one whose literal cannot leave its quotes; otherwise undefined.
 */
function beginAndEnter({ role, userId, slug }: { role: string; userId: string; slug: string }): string | undefined {
  if (!PLAIN_ROLE.test(role) || !UUID.test(userId) || !PLAIN_SLUG.test(slug)) return undefined;
  return `BEGIN READ ONLY; SELECT set_config('role', '${role}', true), set_config('${RLS_USER_SETTING}', '${userId}', true); ${ENTER_ORGANIZATION_SQL}('${slug}')`;
}

/**
 * Sends the opening of a transaction with known settings without waiting for it: on a pipelined
 * connection the first statement goes out right behind it, in the same round trip.
 */
function sendSettings(client: pg.PoolClient, settings: TenantSettings): Promise<unknown> {
  const begin = beginWithSettings({ ...settings, readOnly: true });
  if (begin) return client.query(begin);
  return Promise.all([client.query("BEGIN READ ONLY"), client.query(settingsStatement(settings))]);
}

/** The entry by slug, awaited: its row is judged before any statement is sent. */
async function enter(client: pg.PoolClient, { role, userId, slug }: { role: string; userId: string; slug: string }): Promise<OrganizationAccessRow | undefined> {
  const message = beginAndEnter({ role, userId, slug });
  if (message) {
    // Three statements answer with three results; the entry is the last.
    const results = (await client.query(pgQuery(Prisma.raw(message)))) as unknown as pg.QueryResult<OrganizationAccessRow>[];
    return results.at(-1)?.rows[0];
  }
  const [, , entered] = await Promise.all([
    client.query("BEGIN READ ONLY"),
    client.query(settingsStatement({ role, organizationId: "", userId })),
    client.query<OrganizationAccessRow>(pgQuery(Prisma.sql`${Prisma.raw(ENTER_ORGANIZATION_SQL)}(${slug})`)),
  ]);
  return entered.rows[0];
}

/**
 * pg's pipeline mode (pg ≥ 8.23) for one checkout: statements are written as they are asked for,
 * in order, without waiting for the answer to the one before — PostgreSQL still runs them one
 * after another, each with its own Sync (a failure aborts the transaction, so whatever follows
 * fails too). Switched on only while the connection is idle, and off again before it returns to
 * the pool, so Prisma's transactions on the same pool see the client as they always did.
 */
function pipelining(client: pg.PoolClient): () => void {
  const mode = client as unknown as { pipeline: boolean };
  if (mode.pipeline) return () => undefined;
  mode.pipeline = true;
  return () => {
    mode.pipeline = false;
  };
}

async function checkout(pool: pg.Pool, maxWait: number): Promise<pg.PoolClient> {
  const connecting = pool.connect();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No database connection within ${maxWait} ms`)), maxWait);
  });
  try {
    return await Promise.race([connecting, waited]);
  } catch (error) {
    // One that arrives after we gave up goes straight back.
    connecting.then(
      (late) => late.release(),
      () => undefined,
    );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export async function readTransaction<T>(
  pool: pg.Pool,
  opening: Opening,
  options: ReadOptions,
  fn: (query: QueryRows, entry: OrganizationAccessRow | undefined) => Promise<T>,
): Promise<T> {
  const client = await checkout(pool, options.maxWait);
  const stopPipelining = pipelining(client);
  let released = false;
  const release = (broken?: unknown) => {
    if (released) return;
    released = true;
    stopPipelining();
    // pg-pool destroys a connection released with an error.
    client.release(broken === undefined ? undefined : broken instanceof Error ? broken : new Error(String(broken)));
  };

  // With known settings the opening is not awaited: the first statement follows it on the wire.
  // No statement's rows are handed out before the opening is known to have succeeded, and an
  // opening that failed destroys the connection.
  let opened: Promise<unknown> = Promise.resolve();
  let openingFailure: { error: unknown } | undefined;
  let entry: OrganizationAccessRow | undefined;
  const sentAhead = (sent: Promise<unknown>) => {
    opened = sent;
    opened.catch((error: unknown) => {
      openingFailure = { error };
    });
  };
  if ("settings" in opening) {
    sentAhead(sendSettings(client, opening.settings));
  } else if (opening.expect) {
    const expected = opening.expect;
    sentAhead(
      enter(client, opening.entry).then((found) => {
        if (!sameAccess(found, expected)) throw new EntryChanged();
      }),
    );
    entry = expected;
  } else {
    try {
      entry = await enter(client, opening.entry);
    } catch (error) {
      release(error);
      throw error;
    }
  }

  let ended = false;
  let timedOut = false;
  // Everything sent so far, settled: what the transaction's end waits for.
  let tail: Promise<unknown> = opened.catch(() => undefined);
  let inFlight = 0;
  const end = (how: "COMMIT" | "ROLLBACK", later = false): Promise<void> => {
    if (ended) return Promise.resolve();
    // From here on no statement is accepted, even while COMMIT waits for its turn.
    ended = true;
    if (!later) return close(how);
    return new Promise<void>((resolve, reject) => setImmediate(() => close(how).then(resolve, reject)));
  };
  const close = async (how: "COMMIT" | "ROLLBACK") => {
    await tail;
    if (openingFailure && !(openingFailure.error instanceof EntryChanged)) {
      // The connection's state is not known: it is destroyed, not rolled back and reused.
      release(openingFailure.error);
      return;
    }
    try {
      await client.query(how);
      release();
    } catch (error) {
      release(error);
      if (how === "COMMIT") throw error;
    }
  };
  const query: QueryRows = async <R>(sql: Prisma.Sql) => {
    // Checked before anything is sent: a statement never follows the transaction's end.
    if (ended || timedOut) throw new TenantScopeError("$queryRows after its transaction ended");
    inFlight += 1;
    // Pipelined: written now, answered in order after everything sent before it.
    const run = client.query(pgQuery(sql));
    tail = Promise.all([tail, run.catch(() => undefined)]);
    try {
      const [, result] = await Promise.all([opened, run]);
      return result.rows as R[];
    } finally {
      inFlight -= 1;
      if (timedOut && inFlight === 0) void end("ROLLBACK");
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    if (inFlight === 0) void end("ROLLBACK");
  }, options.timeout);
  timer.unref?.();
  try {
    const result = await fn(query, entry);
    // Even a callback that read nothing answers only once its transaction has begun.
    await opened;
    if (timedOut) throw new Error(`The read transaction timed out after ${options.timeout} ms`);
    // Nothing a READ ONLY transaction read can change at COMMIT: the answer goes out first (COMMIT
    // is sent on the next turn of the event loop), and the connection returns to the pool once it
    // is done (or is destroyed if it failed).
    end("COMMIT", true).catch(() => undefined);
    return result;
  } catch (error) {
    await end("ROLLBACK");
    // A failed opening is the cause, whatever the callback made of the statements it failed.
    throw openingFailure?.error ?? error;
  } finally {
    clearTimeout(timer);
  }
}
