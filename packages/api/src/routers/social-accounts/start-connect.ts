import { orgProcedure } from "../../trpc/init";
import { startConnectInput } from "../../schemas/social-accounts";
import { startConnect } from "../../services/social-connect";

/** Returns the network's consent URL; the browser goes there and comes back to the OAuth callback route. */
export const startConnectProcedure = orgProcedure("accounts.manage")
  .input(startConnectInput)
  .mutation(async ({ ctx, input }) => {
    const { authorizationUrl } = await startConnect(ctx.db, ctx.org, ctx.user.id, input);
    if (input.reconnectAccountId) ctx.audit.target("socialAccount", input.reconnectAccountId);
    ctx.audit.note({ network: input.network, reconnect: Boolean(input.reconnectAccountId) });
    return { authorizationUrl };
  });
