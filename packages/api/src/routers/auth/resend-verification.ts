import { TRPCError } from "@trpc/server";
import { authedProcedure, rateLimit } from "../../trpc/init";
import { sendEmailVerification } from "../../auth/email-verification";

/** A new confirmation link for the signed-in, still unverified account. */
export const resendVerification = authedProcedure
  .meta({ access: "authed", audit: false })
  .use(rateLimit("verificationEmails"))
  .mutation(async ({ ctx }) => {
    if (ctx.user.emailVerified) throw new TRPCError({ code: "BAD_REQUEST", message: "Your email address is already confirmed." });
    await sendEmailVerification(ctx.user);
    return { sentTo: ctx.user.email };
  });
