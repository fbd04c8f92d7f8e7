import { TRPCError } from "@trpc/server";
import { db } from "@mg/db";
import { hashPassword } from "@mg/db/password";
import { createTRPCRouter, publicProcedure, rateLimit } from "../../trpc/init";
import { signUpInput } from "../../schemas/auth";

export const authRouter = createTRPCRouter({
  /** Creates the account; the client then signs in through next-auth's credentials provider. */
  signUp: publicProcedure
    .meta({ access: "public", audit: false })
    .use(rateLimit("signUp"))
    .input(signUpInput)
    .mutation(async ({ input }) => {
      const existing = await db().user.findUnique({ where: { email: input.email }, select: { id: true } });
      // Same answer shape as success would leak nothing more than the sign-in form already does.
      if (existing) throw new TRPCError({ code: "CONFLICT", message: "An account with this email already exists. Sign in instead." });
      const user = await db().user.create({ data: { name: input.name, email: input.email, passwordHash: await hashPassword(input.password) } });
      return { id: user.id, email: user.email };
    }),
});
