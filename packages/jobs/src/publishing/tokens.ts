import { withOrg } from "@mg/db";
import { systemDb } from "@mg/db/system";
import { RECONNECT_WARNING_DAYS, refreshTokenForAccount, tokenColumnsFor } from "@mg/integrations";
import { isNetworkError, type TokenSet } from "@mg/integrations/types";
import { alertKeys, raiseAlert } from "./alerts";
import { adapterFor } from "./network";
import { flagReconnect } from "./publish-target";

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
 * Renews an expiring token with the refresh token (the new one is stored through tokenColumnsFor,
 * which keeps the stored refresh token when the network sends none). When that is impossible the
 * user gets one reconnect alert per connection; an already expired token also flags the account.
 * Transient network errors are thrown so the step retries.
 */
export async function refreshAccountToken(input: RefreshAccountInput): Promise<RefreshAccountOutcome> {
  const now = input.now ?? new Date();
  const { organizationId, socialAccountId } = input;
  const account = await withOrg(organizationId, (db) => db.socialAccount.findUnique({ where: { id: socialAccountId } }));
  if (!account) return { status: "skipped", reason: "account not found" };
  if (account.status !== "CONNECTED") return { status: "skipped", reason: `account is ${account.status.toLowerCase()}` };

  const expired = account.tokenExpiresAt !== null && account.tokenExpiresAt.getTime() <= now.getTime();
  const askToReconnect = async (reason: string): Promise<RefreshAccountOutcome> => {
    await withOrg(organizationId, async (db) => {
      if (expired) {
        await flagReconnect(db, organizationId, account, reason);
        return;
      }
      const when = account.tokenExpiresAt ? account.tokenExpiresAt.toISOString().slice(0, 10) : "soon";
      await raiseAlert(db, {
        organizationId,
        kind: "ACCOUNT_RECONNECT",
        title: `Reconnect ${account.name} before ${when}`,
        body: `The connection to ${account.network} expires on ${when} and cannot be renewed automatically (${reason}). Reconnect the account so scheduled posts keep going out.`,
        socialAccountId: account.id,
        dedupeKey: alertKeys.accountReconnect(account.id, account.connectedAt),
      });
    });
    return { status: "reconnect-needed", reason };
  };

  let refreshToken: string | null;
  try {
    refreshToken = refreshTokenForAccount(account);
  } catch (error) {
    return askToReconnect(`the stored refresh token cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!refreshToken) return askToReconnect("the network did not issue a refresh token");
  if (account.refreshTokenExpiresAt && account.refreshTokenExpiresAt.getTime() <= now.getTime()) {
    return askToReconnect("the refresh token has expired too");
  }

  let tokens: TokenSet;
  try {
    tokens = await adapterFor(account.network).refreshToken(refreshToken);
  } catch (error) {
    if (isNetworkError(error) && error.retryable) throw error;
    return askToReconnect(error instanceof Error ? error.message : String(error));
  }

  const columns = tokenColumnsFor(tokens, account);
  await withOrg(organizationId, (db) =>
    db.socialAccount.update({ where: { id: account.id }, data: { ...columns, lastError: null } }),
  );
  return { status: "refreshed", tokenExpiresAt: columns.tokenExpiresAt?.toISOString() ?? null };
}
