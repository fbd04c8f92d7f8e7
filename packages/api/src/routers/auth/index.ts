import { createTRPCRouter } from "../../trpc/init";
import { resendVerification } from "./resend-verification";
import { signUp } from "./sign-up";
import { verificationPreview, verifyEmail } from "./verify-email";

export const authRouter = createTRPCRouter({
  signUp,
  verificationPreview,
  verifyEmail,
  resendVerification,
});
