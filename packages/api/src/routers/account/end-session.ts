import { TRPCError } from "@trpc/server";
import { authedProcedure } from "../../trpc/init";
import { sessionIdInput } from "../../schemas/auth";
import { endSession, listSessions } from "../../auth/sessions";
import { authLog } from "../../auth/log";

/** Signs one of the account's own devices out. */
export const endSessionProcedure = authedProcedure
  .meta({ access: "authed", audit: false })
  .input(sessionIdInput)
  .mutation(async ({ ctx, input }) => {
    const own = await listSessions(ctx.user.id);
    if (!own.some((s) => s.id === input.sessionId)) throw new TRPCError({ code: "NOT_FOUND", message: "That session was not found." });
    await endSession(input.sessionId);
    authLog().info({ event: "session.ended", userId: ctx.user.id, sessionId: input.sessionId }, "session ended by its owner");
    return { ended: 1 };
  });
