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
 * Connection hygiene: the statements are sent one at a time; once the transaction ends (its
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
export type Opening = { settings: TenantSettings } | { entry: { role: string; userId: string; slug: string } };

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

async function open(client: pg.PoolClient, opening: Opening): Promise<OrganizationAccessRow | undefined> {
  if ("settings" in opening) {
    const begin = beginWithSettings({ ...opening.settings, readOnly: true });
    if (begin) {
      await client.query(begin);
    } else {
      await client.query("BEGIN READ ONLY");
      await client.query(settingsStatement(opening.settings));
    }
    return undefined;
  }
  const { role, userId, slug } = opening.entry;
  const message = beginAndEnter(opening.entry);
  if (message) {
    // Three statements answer with three results; the entry is the last.
    const results = (await client.query(pgQuery(Prisma.raw(message)))) as unknown as pg.QueryResult<OrganizationAccessRow>[];
    return results.at(-1)?.rows[0];
  }
  await client.query("BEGIN READ ONLY");
  await client.query(settingsStatement({ role, organizationId: "", userId }));
  return (await client.query<OrganizationAccessRow>(pgQuery(Prisma.sql`${Prisma.raw(ENTER_ORGANIZATION_SQL)}(${slug})`))).rows[0];
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
  let released = false;
  const release = (broken?: unknown) => {
    if (released) return;
    released = true;
    // pg-pool destroys a connection released with an error.
    client.release(broken === undefined ? undefined : broken instanceof Error ? broken : new Error(String(broken)));
  };
  let entry: OrganizationAccessRow | undefined;
  try {
    entry = await open(client, opening);
  } catch (error) {
    release(error);
    throw error;
  }

  let ended = false;
  let timedOut = false;
  // One statement at a time, in order (pg no longer wants queries queued on a busy client).
  let tail: Promise<unknown> = Promise.resolve();
  let inFlight = 0;
  const end = (how: "COMMIT" | "ROLLBACK", later = false): Promise<void> => {
    if (ended) return Promise.resolve();
    // From here on no statement is accepted, even while COMMIT waits for its turn.
    ended = true;
    if (!later) return close(how);
    return new Promise<void>((resolve, reject) => setImmediate(() => close(how).then(resolve, reject)));
  };
  const close = async (how: "COMMIT" | "ROLLBACK") => {
    try {
      await tail;
      await client.query(how);
      release();
    } catch (error) {
      release(error);
      if (how === "COMMIT") throw error;
    }
  };
  const query: QueryRows = async <R>(sql: Prisma.Sql) => {
    // Checked before anything is queued: a statement never follows the transaction's end.
    if (ended || timedOut) throw new TenantScopeError("$queryRows after its transaction ended");
    inFlight += 1;
    const run = tail.then(() => client.query(pgQuery(sql)));
    tail = run.catch(() => undefined);
    try {
      return (await run).rows as R[];
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
    if (timedOut) throw new Error(`The read transaction timed out after ${options.timeout} ms`);
    // Nothing a READ ONLY transaction read can change at COMMIT: the answer goes out first (COMMIT
    // is sent on the next turn of the event loop), and the connection returns to the pool once it
    // is done (or is destroyed if it failed).
    end("COMMIT", true).catch(() => undefined);
    return result;
  } catch (error) {
    await end("ROLLBACK");
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
