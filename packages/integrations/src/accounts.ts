import { decryptSecret, encryptSecret } from "./crypto";
import type { AccountAuth, TokenSet } from "./types";

/** What an adapter needs to act for a stored account; tokens are decrypted only here. */
export function authForAccount(account: { externalId: string; accessTokenEnc: string | null; metadata: unknown }): AccountAuth {
  if (!account.accessTokenEnc) throw new Error("This account has no access token (disconnected?). Reconnect it.");
  return { accessToken: decryptSecret(account.accessTokenEnc), externalId: account.externalId, metadata: asRecord(account.metadata) };
}

/** The stored refresh token, decrypted, or null when the network never issued one. */
export function refreshTokenForAccount(account: { refreshTokenEnc: string | null }): string | null {
  return account.refreshTokenEnc ? decryptSecret(account.refreshTokenEnc) : null;
}

export interface TokenColumns {
  accessTokenEnc: string;
  refreshTokenEnc: string | null;
  tokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
  /** Only present when the network reported scopes (so an update does not wipe them). */
  scopes?: string[];
}

/**
 * The SocialAccount columns for a new token set. A network that answers a refresh or reconnect
 * without a refresh token has not revoked the stored one: it is kept, with its expiry.
 */
export function tokenColumnsFor(
  tokens: TokenSet,
  existing?: { refreshTokenEnc: string | null; refreshTokenExpiresAt: Date | null } | null,
): TokenColumns {
  const hasNewRefresh = typeof tokens.refreshToken === "string" && tokens.refreshToken !== "";
  const columns: TokenColumns = {
    accessTokenEnc: encryptSecret(tokens.accessToken),
    refreshTokenEnc: hasNewRefresh && tokens.refreshToken ? encryptSecret(tokens.refreshToken) : (existing?.refreshTokenEnc ?? null),
    tokenExpiresAt: tokens.expiresAt ?? null,
    refreshTokenExpiresAt: hasNewRefresh ? (tokens.refreshTokenExpiresAt ?? null) : (existing?.refreshTokenExpiresAt ?? null),
  };
  if (tokens.scopes) columns.scopes = tokens.scopes;
  return columns;
}

export const RECONNECT_WARNING_DAYS = 7;

/** True when the token expires within a week (or already has): time to prompt a reconnect. */
export function reconnectSoon(tokenExpiresAt: Date | null | undefined, now: Date = new Date()): boolean {
  if (!tokenExpiresAt) return false;
  return tokenExpiresAt.getTime() - now.getTime() <= RECONNECT_WARNING_DAYS * 86_400_000;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
