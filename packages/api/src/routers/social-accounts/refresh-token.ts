import { TRPCError } from "@trpc/server";
import { getNetworkAdapter, isNetworkError, refreshTokenForAccount, tokenColumnsFor } from "@mg/integrations";
import { orgProcedure } from "../../trpc/init";
import { accountIdInput } from "../../schemas/social-accounts";

/**
 * Renews the access token with the stored refresh token. The network's refusal is shown as is;
 * a network that answers without a new refresh token keeps the stored one.
 */
export const refreshToken = orgProcedure("accounts.manage", { transaction: "per-operation" })
  .input(accountIdInput)
  .mutation(async ({ ctx, input }) => {
    const account = await ctx.db.socialAccount.findFirst({ where: { id: input.accountId } });
    if (!account) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found." });
    if (account.status === "DISCONNECTED") throw new TRPCError({ code: "BAD_REQUEST", message: `${account.name} is disconnected. Reconnect it instead.` });
    const stored = refreshTokenForAccount(account);
    if (!stored) throw new TRPCError({ code: "BAD_REQUEST", message: `${account.name} has no refresh token (the network did not issue one). Reconnect it instead.` });

    let tokens;
    try {
      tokens = await getNetworkAdapter(account.network).refreshToken(stored);
    } catch (error) {
      if (isNetworkError(error)) throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
      if (error instanceof Error) throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
      throw error;
    }
    const updated = await ctx.db.socialAccount.update({
      where: { id: account.id },
      data: { ...tokenColumnsFor(tokens, account), status: "CONNECTED", lastError: null },
      select: { id: true, tokenExpiresAt: true },
    });
    ctx.audit.target("socialAccount", account.id);
    ctx.audit.note({ network: account.network });
    return { tokenExpiresAt: updated.tokenExpiresAt };
  });
