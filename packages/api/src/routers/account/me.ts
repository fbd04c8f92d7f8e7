import { TRPCError } from "@trpc/server";
import { authedProcedure } from "../../trpc/init";
import { accountSummary } from "../../auth/accounts";

/** The signed-in account: whether its address is confirmed and whether it has a password. */
export const me = authedProcedure.query(async ({ ctx }) => {
  const summary = await accountSummary(ctx.user.id);
  if (!summary) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return summary;
});
