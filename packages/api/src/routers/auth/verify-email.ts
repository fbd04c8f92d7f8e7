import { TRPCError } from "@trpc/server";
import { publicProcedure } from "../../trpc/init";
import { linkTokenInput } from "../../schemas/auth";
import { confirmEmailVerification, previewEmailVerification } from "../../auth/email-verification";

const INVALID = "This confirmation link is invalid, expired or already used. Sign in and ask for a new one.";

/** What the confirmation page shows before the click: the address and when the account was made. */
export const verificationPreview = publicProcedure.input(linkTokenInput).query(async ({ input }) => {
  const preview = await previewEmailVerification(input.token);
  if (!preview) throw new TRPCError({ code: "NOT_FOUND", message: INVALID });
  return preview;
});

/** The deliberate click on that page (a POST: mail scanners only GET). */
export const verifyEmail = publicProcedure
  .meta({ access: "public", audit: false })
  .input(linkTokenInput)
  .mutation(async ({ input }) => {
    const outcome = await confirmEmailVerification(input.token);
    if (!outcome.ok) throw new TRPCError({ code: "NOT_FOUND", message: INVALID });
    return { email: outcome.email };
  });
