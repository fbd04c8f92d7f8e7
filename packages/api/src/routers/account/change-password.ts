import { TRPCError } from "@trpc/server";
import { authedProcedure } from "../../trpc/init";
import { changePasswordInput } from "../../schemas/auth";
import { changePassword, EmailNotVerifiedError, WrongPasswordError } from "../../auth/accounts";
import { authLog } from "../../auth/log";

/** Sets or changes the password; every other session ends, this device stays signed in. */
export const changePasswordProcedure = authedProcedure
  .meta({ access: "authed", audit: false })
  .input(changePasswordInput)
  .mutation(async ({ ctx, input }) => {
    try {
      const { endedSessions } = await changePassword({ userId: ctx.user.id, currentPassword: input.currentPassword ?? null, newPassword: input.newPassword, keepSessionId: ctx.user.sessionId });
      authLog().info({ event: "password.changed", userId: ctx.user.id, endedSessions }, "password changed");
      return { endedSessions };
    } catch (error) {
      if (error instanceof WrongPasswordError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
      if (error instanceof EmailNotVerifiedError) throw new TRPCError({ code: "FORBIDDEN", message: error.message, cause: error });
      throw error;
    }
  });
