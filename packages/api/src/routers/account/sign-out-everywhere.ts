import { authedProcedure } from "../../trpc/init";
import { endAllSessions } from "../../auth/sessions";
import { authLog } from "../../auth/log";

/** Ends every other session of the account at once (a lost phone, a shared computer). */
export const signOutEverywhere = authedProcedure.meta({ access: "authed", audit: false }).mutation(async ({ ctx }) => {
  const ended = await endAllSessions(ctx.user.id, { except: ctx.user.sessionId });
  authLog().info({ event: "session.sign-out-everywhere", userId: ctx.user.id, ended }, "signed out everywhere else");
  return { ended };
});
