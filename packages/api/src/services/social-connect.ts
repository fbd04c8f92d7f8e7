import { TRPCError } from "@trpc/server";
import { type Prisma, withOrg, type Organization, type SocialNetwork, type TenantDb } from "@mg/db";
import { systemDb } from "@mg/db/system";
import {
  createOAuthState,
  createPkcePair,
  decryptSecret,
  encryptSecret,
  getNetworkAdapter,
  hashOAuthState,
  isNetworkError,
  listNetworks,
  oauthRedirectUri,
  tokenColumnsFor,
  type ConnectedProfile,
  type TokenSet,
} from "@mg/integrations";
import { assertQuota, effectiveLimit, lockQuota, USAGE_COUNTERS } from "../quotas";
import { PLANS } from "../plans";
import { can } from "../rbac";
import { resolveOrgAccess } from "../tenancy/resolve-access";

/**
 * Connecting a social account is two requests: `startConnect` (a tRPC mutation inside the
 * organization) stores a single-use state with the PKCE verifier and sends the user to the
 * network; `completeConnect` (the OAuth callback route) comes back without any organization in
 * the URL, so it finds the state by its hash through the system path and does everything else
 * inside that state's organization.
 */
export const CONNECT_STATE_TTL_MS = 10 * 60_000;

/** A refusal the callback shows on the accounts page; `orgSlug` is null when the organization is unknown. */
export class SocialConnectError extends Error {
  override name = "SocialConnectError";
  constructor(
    message: string,
    readonly orgSlug: string | null,
  ) {
    super(message);
  }
}

function displayNameOf(network: SocialNetwork): string {
  return listNetworks().find((n) => n.network === network)?.displayName ?? network;
}

export interface StartConnectResult {
  authorizationUrl: string;
  expiresAt: Date;
}

/** Inside the organization's transaction (the tRPC procedure's `ctx.db`). */
export async function startConnect(
  db: TenantDb,
  org: Organization,
  userId: string,
  input: { network: SocialNetwork; reconnectAccountId?: string | undefined },
): Promise<StartConnectResult> {
  const status = listNetworks().find((n) => n.network === input.network);
  if (!status?.configured) {
    throw new TRPCError({ code: "BAD_REQUEST", message: status?.reason ?? `${input.network} is not available.` });
  }
  let socialAccountId: string | null = null;
  if (input.reconnectAccountId) {
    const account = await db.socialAccount.findFirst({ where: { id: input.reconnectAccountId }, select: { id: true, network: true, status: true, name: true } });
    if (!account) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found." });
    if (account.network !== input.network) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `“${account.name}” is a ${displayNameOf(account.network)} account, not ${status.displayName}.` });
    }
    // A disconnected account freed its seat: bringing it back takes one again.
    if (account.status === "DISCONNECTED") await assertQuota(db, org, "socialAccounts");
    socialAccountId = account.id;
  } else {
    await assertQuota(db, org, "socialAccounts");
  }

  const now = new Date();
  await db.oAuthConnectState.deleteMany({ where: { expiresAt: { lt: now } } });
  const { state, stateHash } = createOAuthState();
  const pkce = createPkcePair();
  const expiresAt = new Date(now.getTime() + CONNECT_STATE_TTL_MS);
  await db.oAuthConnectState.create({
    data: { organizationId: org.id, network: input.network, stateHash, codeVerifier: encryptSecret(pkce.verifier), userId, socialAccountId, expiresAt },
  });
  const authorizationUrl = getNetworkAdapter(input.network).authorizationUrl({ state, codeChallenge: pkce.challenge, redirectUri: oauthRedirectUri(input.network) });
  return { authorizationUrl, expiresAt };
}

const invalidState = () => new SocialConnectError("This connection link is invalid or was already used. Start the connection again.", null);

/** The state row, looked up by its hash through the system path (the callback carries no organization). */
async function findState(state: string) {
  if (state === "") throw new SocialConnectError("The network sent no state back. Start the connection again.", null);
  const row = await systemDb().oAuthConnectState.findUnique({ where: { stateHash: hashOAuthState(state) } });
  if (!row) throw invalidState();
  return row;
}

/**
 * The state row for the user who started the connection, and only for them. Anyone else — another
 * member, another organization's user, a signed-out browser that was sent the link — is refused
 * before anything is consumed or revealed: the state stays usable by its owner, and the refusal
 * names no organization (no redirect to its accounts page, no slug in the message).
 */
async function stateOwnedBy(state: string, userId: string | null) {
  const row = await findState(state);
  if (!userId || userId !== row.userId) {
    throw new SocialConnectError("This connection was started by someone else (or you signed out meanwhile). Start it again while signed in.", null);
  }
  return row;
}

/** Uses the state up: it works once, whatever happens next (of two concurrent callbacks, one wins). */
async function consumeState(row: { id: string; userId: string }) {
  const { count } = await systemDb().oAuthConnectState.deleteMany({ where: { id: row.id, userId: row.userId } });
  if (count === 0) throw invalidState();
}

async function organizationOf(organizationId: string): Promise<Organization> {
  const org = await withOrg(organizationId, (db) => db.organization.findFirst({ where: { id: organizationId } }));
  if (!org || org.deletedAt) throw new SocialConnectError("The organization this connection was started for no longer exists.", null);
  return org;
}

export interface CompleteConnectInput {
  network: SocialNetwork;
  code: string;
  state: string;
  /** The signed-in user receiving the callback: must be the one who started the connection. */
  userId: string | null;
}

export interface CompleteConnectResult {
  orgSlug: string;
  network: SocialNetwork;
  /** Accounts connected or reconnected. */
  connected: number;
  accountIds: string[];
  /** Profiles left out because the plan's social account limit was reached. */
  skipped: string[];
  /** Set when some profiles were left out: what to tell the user. */
  notice: string | null;
}

/**
 * The OAuth callback. Single use and expiry are checked before anything is sent to the network;
 * the code exchange (a network call) happens outside any transaction; then every returned
 * profile is upserted by (organization, network, external id). Reconnects keep the stored
 * refresh token when the network sends none; new accounts take seats up to the plan's limit and
 * the rest are reported, not silently dropped.
 */
export async function completeConnect(input: CompleteConnectInput): Promise<CompleteConnectResult> {
  const row = await stateOwnedBy(input.state, input.userId);
  await consumeState(row);
  const org = await organizationOf(row.organizationId);
  // Typed explicitly so that TypeScript narrows after `if (…) fail(…)`.
  const fail: (message: string) => never = (message) => {
    throw new SocialConnectError(message, org.slug);
  };
  const displayName = displayNameOf(row.network);

  if (row.expiresAt.getTime() <= Date.now()) fail(`The ${displayName} connection took longer than ${CONNECT_STATE_TTL_MS / 60_000} minutes. Start it again.`);
  if (row.network !== input.network) fail(`This callback is for ${displayNameOf(input.network)}, but the connection was started for ${displayName}. Start it again.`);
  const access = await resolveOrgAccess(row.userId, org.slug);
  if (!access || !can(access.role, "accounts.manage")) fail("You no longer have permission to manage accounts in this organization.");
  if (org.status === "SUSPENDED" || org.status === "ARCHIVED") fail(`This organization is ${org.status.toLowerCase()}: accounts cannot be connected until it is reactivated.`);
  if (input.code === "") fail(`${displayName} sent no authorization code back. Start the connection again.`);

  let exchanged: { tokens: TokenSet; profiles: ConnectedProfile[] };
  try {
    const adapter = getNetworkAdapter(row.network);
    exchanged = await adapter.exchangeCode({ code: input.code, codeVerifier: decryptSecret(row.codeVerifier), redirectUri: oauthRedirectUri(row.network) });
  } catch (error) {
    if (isNetworkError(error)) fail(`${displayName} refused the connection: ${error.message}`);
    if (error instanceof Error) fail(error.message);
    throw error;
  }
  if (exchanged.profiles.length === 0) fail(`${displayName} returned no profile or page to connect.`);

  const result = await withOrg(
    org.id,
    async (db) => {
      const now = new Date();
      const profiles = exchanged.profiles;
      const existing = await db.socialAccount.findMany({
        where: { network: row.network, externalId: { in: profiles.map((p) => p.externalId) } },
      });
      const byExternalId = new Map(existing.map((a) => [a.externalId, a]));

      let wanted = profiles;
      if (row.socialAccountId) {
        const target = await db.socialAccount.findFirst({ where: { id: row.socialAccountId }, select: { id: true, name: true, externalId: true } });
        if (!target) fail("The account being reconnected was removed meanwhile.");
        const match = profiles.filter((p) => p.externalId === target.externalId);
        if (match.length === 0) fail(`You signed in to ${displayName} as a different account than “${target.name}”. Sign in as that account to reconnect it.`);
        wanted = match;
      }

      const limit = effectiveLimit(org, "socialAccounts");
      // Parallel callbacks take turns here, each counting what the ones before it committed.
      if (limit !== null) await lockQuota(db, org, "socialAccounts");
      const counter = USAGE_COUNTERS.socialAccounts;
      let seatsLeft = limit === null || !counter ? Number.POSITIVE_INFINITY : limit - (await counter(db, org));

      const accountIds: string[] = [];
      const skipped: string[] = [];
      for (const profile of wanted) {
        const tokens = profile.tokens ?? exchanged.tokens;
        const current = byExternalId.get(profile.externalId);
        const needsSeat = !current || current.status === "DISCONNECTED";
        if (needsSeat && seatsLeft <= 0) {
          skipped.push(profile.name);
          continue;
        }
        if (needsSeat) seatsLeft -= 1;
        const details = {
          name: profile.name,
          handle: profile.handle ?? null,
          avatarUrl: profile.avatarUrl ?? null,
          metadata: (profile.metadata ?? {}) as Prisma.InputJsonObject,
          connectedById: row.userId,
        };
        if (current) {
          await db.socialAccount.update({
            where: { id: current.id },
            data: {
              ...details,
              ...tokenColumnsFor(tokens, current),
              status: "CONNECTED",
              lastError: null,
              disconnectedAt: null,
              ...(current.status === "DISCONNECTED" ? { connectedAt: now } : {}),
            },
          });
          accountIds.push(current.id);
        } else {
          const created = await db.socialAccount.create({
            data: { organizationId: org.id, network: row.network, externalId: profile.externalId, ...details, ...tokenColumnsFor(tokens), connectedAt: now },
            select: { id: true },
          });
          accountIds.push(created.id);
        }
      }

      if (accountIds.length > 0) {
        await db.alert.updateMany({ where: { kind: "ACCOUNT_RECONNECT", socialAccountId: { in: accountIds }, readAt: null }, data: { readAt: now } });
        await db.onboardingTask.updateMany({ where: { key: "connect-social-account", completedAt: null }, data: { completedAt: now } });
      }
      await db.auditLog.create({
        data: {
          organizationId: org.id,
          actorId: row.userId,
          action: row.socialAccountId ? "socialAccounts.reconnect" : "socialAccounts.connect",
          targetType: "socialAccount",
          targetId: accountIds[0] ?? null,
          metadata: { network: row.network, accountIds, skipped },
        },
      });
      return { accountIds, skipped };
    },
    { userId: row.userId },
  );

  const notice =
    result.skipped.length === 0
      ? null
      : `${result.skipped.join(", ")} ${result.skipped.length === 1 ? "was" : "were"} not connected: your ${PLANS[org.plan].name} plan allows ${effectiveLimit(org, "socialAccounts") ?? "unlimited"} social accounts. Upgrade or disconnect an account to add more.`;
  return { orgSlug: org.slug, network: row.network, connected: result.accountIds.length, accountIds: result.accountIds, skipped: result.skipped, notice };
}

/**
 * The network redirected back with an error (the user cancelled, or the app was refused). Only
 * the user who started the connection can abandon it: their state is used up and their
 * organization named so the callback can show the message there. For anyone else nothing
 * happens and nothing is named — an attacker cannot cancel someone else's connection.
 */
export async function abandonConnect(input: { state: string; userId: string | null }): Promise<{ orgSlug: string | null }> {
  try {
    const row = await stateOwnedBy(input.state, input.userId);
    await consumeState(row);
    const org = await organizationOf(row.organizationId);
    return { orgSlug: org.slug };
  } catch (error) {
    if (error instanceof SocialConnectError) return { orgSlug: null };
    throw error;
  }
}
