import { withOrg, type TenantDb } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { RECONNECT_WARNING_DAYS, refreshTokenForAccount, tokenColumnsFor } from "@mg/integrations";
import { isNetworkError, type TokenSet } from "@mg/integrations/types";
import { alertKeys, raiseAlert } from "./alerts";
import { TOKEN_REFRESH_AHEAD_MS, TOKEN_REFRESH_TRANSACTION_MS } from "./config";
import { adapterFor } from "./network";
import { flagReconnect } from "./reconnect";

/** Connected accounts whose access token expires within the warning window (or already has). */
export async function accountsWithExpiringTokens(now: Date = new Date()): Promise<{ organizationId: string; socialAccountId: string }[]> {
  const horizon = new Date(now.getTime() + RECONNECT_WARNING_DAYS * 86_400_000);
  const rows = await systemDb().socialAccount.findMany({
    where: { status: "CONNECTED", tokenExpiresAt: { lte: horizon }, organization: { deletedAt: null } },
    select: { id: true, organizationId: true },
    orderBy: { tokenExpiresAt: "asc" },
  });
  return rows.map((r) => ({ organizationId: r.organizationId, socialAccountId: r.id }));
}

function loadAccount(db: TenantDb, socialAccountId: string) {
  return db.socialAccount.findUnique({ where: { id: socialAccountId } });
}
type Account = NonNullable<Awaited<ReturnType<typeof loadAccount>>>;

const describeError = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs `fn` holding the account's token lock, with the account as it is once the lock is held.
 *
 * Networks that rotate refresh tokens (X, TikTok) answer a refresh token used twice with
 * invalid_grant — X then revokes the whole connection. So refreshes of one account must take
 * turns across workers and processes, and each must read the refresh token the previous one
 * stored. A transaction-scoped advisory lock does both: the next refresher waits here, then reads
 * the committed rotation. That is why this one transaction spans the network call (bounded by
 * TOKEN_REFRESH_TRANSACTION_MS): it is rare (once per token lifetime), touches one row, and the
 * rotated token is committed in the same transaction that used the old one.
 */
async function underTokenLock<T>(organizationId: string, socialAccountId: string, fn: (db: TenantDb, account: Account | null) => Promise<T>): Promise<T> {
  return withOrg(
    organizationId,
    async (db) => {
      await db.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${organizationId}), hashtext(${`token-refresh:${socialAccountId}`}))`;
      return fn(db, await loadAccount(db, socialAccountId));
    },
    { timeout: TOKEN_REFRESH_TRANSACTION_MS },
  );
}

type Renewal = { status: "refreshed"; tokenExpiresAt: Date | null } | { status: "impossible"; reason: string };

/**
 * Asks the network for new tokens with the stored refresh token and stores them (tokenColumnsFor
 * keeps the stored refresh token when the network sends none). Must run under the token lock.
 * Transient network errors are thrown (nothing changed; the caller retries).
 */
async function renew(db: TenantDb, account: Account, now: Date): Promise<Renewal> {
  let refreshToken: string | null;
  try {
    refreshToken = refreshTokenForAccount(account);
  } catch (error) {
    return { status: "impossible", reason: `the stored refresh token cannot be read: ${describeError(error)}` };
  }
  if (!refreshToken) return { status: "impossible", reason: "the network did not issue a refresh token" };
  if (account.refreshTokenExpiresAt && account.refreshTokenExpiresAt.getTime() <= now.getTime()) {
    return { status: "impossible", reason: "the refresh token has expired too" };
  }
  let tokens: TokenSet;
  try {
    tokens = await adapterFor(account.network).refreshToken(refreshToken);
  } catch (error) {
    if (isNetworkError(error) && error.retryable) throw error;
    return { status: "impossible", reason: describeError(error) };
  }
  const columns = tokenColumnsFor(tokens, account);
  await db.socialAccount.update({ where: { id: account.id }, data: { ...columns, lastError: null } });
  return { status: "refreshed", tokenExpiresAt: columns.tokenExpiresAt };
}

export interface RefreshAccountInput {
  organizationId: string;
  socialAccountId: string;
  now?: Date;
}

export type RefreshAccountOutcome =
  | { status: "refreshed"; tokenExpiresAt: string | null }
  | { status: "reconnect-needed"; reason: string }
  | { status: "skipped"; reason: string };

/**
 * The daily renewal of tokens expiring within the warning window. When that is impossible the
 * user gets one reconnect alert per connection; an already expired token also flags the account.
 * Transient network errors are thrown so the step retries.
 */
export async function refreshAccountToken(input: RefreshAccountInput): Promise<RefreshAccountOutcome> {
  const now = input.now ?? new Date();
  const { organizationId, socialAccountId } = input;
  return underTokenLock(organizationId, socialAccountId, async (db, account): Promise<RefreshAccountOutcome> => {
    if (!account) return { status: "skipped", reason: "account not found" };
    if (account.status !== "CONNECTED") return { status: "skipped", reason: `account is ${account.status.toLowerCase()}` };
    const horizon = now.getTime() + RECONNECT_WARNING_DAYS * 86_400_000;
    // A publish renewed it while we waited for the lock.
    if (account.tokenExpiresAt && account.tokenExpiresAt.getTime() > horizon) return { status: "skipped", reason: "renewed already" };

    const renewal = await renew(db, account, now);
    if (renewal.status === "refreshed") return { status: "refreshed", tokenExpiresAt: renewal.tokenExpiresAt?.toISOString() ?? null };

    const expired = account.tokenExpiresAt !== null && account.tokenExpiresAt.getTime() <= now.getTime();
    if (expired) {
      await flagReconnect(db, organizationId, account, renewal.reason);
    } else {
      const when = account.tokenExpiresAt ? account.tokenExpiresAt.toISOString().slice(0, 10) : "soon";
      await raiseAlert(db, {
        organizationId,
        kind: "ACCOUNT_RECONNECT",
        title: `Reconnect ${account.name} before ${when}`,
        body: `The connection to ${account.network} expires on ${when} and cannot be renewed automatically (${renewal.reason}). Reconnect the account so scheduled posts keep going out.`,
        socialAccountId: account.id,
        dedupeKey: alertKeys.accountReconnect(account.id, account.connectedAt),
      });
    }
    return { status: "reconnect-needed", reason: renewal.reason };
  });
}

export interface FreshTokenInput {
  organizationId: string;
  socialAccountId: string;
  now?: Date;
  /**
   * The network refused this access token (encrypted, as stored) with a 401: renew it whatever its
   * expiry says — unless another worker already replaced it, whose token is then used.
   */
  rejectedAccessTokenEnc?: string | null;
}

export type FreshTokenOutcome =
  /** A new token was stored. */
  | { status: "refreshed" }
  /** The stored token is good to use (not expiring, or replaced by another worker meanwhile). */
  | { status: "fresh" }
  /** It cannot be renewed; `reconnect` when the account was flagged for a reconnect (the token is dead). */
  | { status: "impossible"; reason: string; reconnect: boolean };

/**
 * Just before publishing: a token that expires within TOKEN_REFRESH_AHEAD_MS (or that the network
 * has just refused) is renewed, under the same per-account lock as every other refresh. A token
 * that is dead and cannot be renewed flags the account for a reconnect; one that still works a
 * little longer is left to be used. Transient network errors are thrown.
 */
export async function ensureFreshToken(input: FreshTokenInput): Promise<FreshTokenOutcome> {
  const now = input.now ?? new Date();
  const rejected = input.rejectedAccessTokenEnc;
  return underTokenLock(input.organizationId, input.socialAccountId, async (db, account): Promise<FreshTokenOutcome> => {
    if (!account) return { status: "impossible", reason: "the account was removed", reconnect: false };
    if (account.status !== "CONNECTED") return { status: "impossible", reason: account.lastError ?? `the account is ${account.status.toLowerCase()}`, reconnect: true };
    if (rejected !== undefined) {
      if (account.accessTokenEnc !== rejected) return { status: "fresh" };
    } else if (!expiresWithin(account.tokenExpiresAt, now, TOKEN_REFRESH_AHEAD_MS)) {
      return { status: "fresh" };
    }

    const renewal = await renew(db, account, now);
    if (renewal.status === "refreshed") return { status: "refreshed" };
    const dead = rejected !== undefined || expiresWithin(account.tokenExpiresAt, now, 0);
    if (dead) await flagReconnect(db, input.organizationId, account, renewal.reason);
    return { status: "impossible", reason: renewal.reason, reconnect: dead };
  });
}

/** True when a token with this expiry is gone `marginMs` from now (null: the network set no expiry). */
export function expiresWithin(tokenExpiresAt: Date | null, now: Date, marginMs: number): boolean {
  return tokenExpiresAt !== null && tokenExpiresAt.getTime() - now.getTime() <= marginMs;
}
