import { authedProcedure } from "../../trpc/init";
import { listSessions } from "../../auth/sessions";

/** The devices signed in to this account, the current one marked. */
export const sessions = authedProcedure.query(async ({ ctx }) => {
  const rows = await listSessions(ctx.user.id);
  return rows.map((row) => ({ ...row, current: row.id === ctx.user.sessionId }));
});
