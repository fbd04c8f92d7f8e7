import { reconnectSoon } from "@mg/integrations";
import { orgProcedure } from "../../trpc/init";

/**
 * Time to ask for a reconnect: the network already refused the token, or it is about to expire
 * and cannot be renewed (no refresh token, or the refresh token itself expires soon).
 */
function needsReconnectSoon(account: { status: string; tokenExpiresAt: Date | null; refreshTokenEnc: string | null; refreshTokenExpiresAt: Date | null }): boolean {
  if (account.status === "NEEDS_RECONNECT") return true;
  if (account.status !== "CONNECTED") return false;
  return account.refreshTokenEnc ? reconnectSoon(account.refreshTokenExpiresAt) : reconnectSoon(account.tokenExpiresAt);
}

export const listSocialAccounts = orgProcedure("posts.read").query(async ({ ctx }) => {
  const accounts = await ctx.db.socialAccount.findMany({
    orderBy: [{ network: "asc" }, { name: "asc" }],
    select: {
      id: true,
      network: true,
      name: true,
      handle: true,
      avatarUrl: true,
      status: true,
      tokenExpiresAt: true,
      refreshTokenEnc: true,
      refreshTokenExpiresAt: true,
      lastError: true,
      connectedAt: true,
    },
  });
  const scheduled = await ctx.db.postTarget.groupBy({ by: ["socialAccountId"], where: { status: "SCHEDULED" }, _count: { _all: true } });
  const scheduledBy = new Map(scheduled.map((row) => [row.socialAccountId, row._count._all]));
  return accounts.map(({ refreshTokenEnc, refreshTokenExpiresAt, ...account }) => ({
    ...account,
    reconnectSoon: needsReconnectSoon({ ...account, refreshTokenEnc, refreshTokenExpiresAt }),
    scheduledCount: scheduledBy.get(account.id) ?? 0,
  }));
});
