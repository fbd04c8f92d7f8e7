import { TRPCError } from "@trpc/server";
import { publicProcedure, rateLimit } from "../../trpc/init";
import { signUpInput } from "../../schemas/auth";
import { createPasswordAccount, EmailTakenError } from "../../auth/accounts";
import { sendEmailVerification } from "../../auth/email-verification";

/**
 * Creates an unverified account and mails the confirmation link; the client then signs in
 * through next-auth's credentials provider. Until the link is confirmed the account joins and
 * creates nothing (verifiedProcedure), so registering someone else's address gains nothing.
 */
export const signUp = publicProcedure
  .meta({ access: "public", audit: false })
  .use(rateLimit("signUp"))
  .input(signUpInput)
  .mutation(async ({ input }) => {
    try {
      const user = await createPasswordAccount(input);
      await sendEmailVerification(user, { returnTo: input.returnTo });
      return { id: user.id, email: user.email, emailVerified: false };
    } catch (error) {
      // The sign-in form already tells whether an address signs in; this says no more than that.
      if (error instanceof EmailTakenError) throw new TRPCError({ code: "CONFLICT", message: "An account with this email already exists. Sign in instead." });
      throw error;
    }
  });
