import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import GoogleProvider from "next-auth/providers/google";
import GitHubProvider from "next-auth/providers/github";
import { PrismaAdapter } from "@next-auth/prisma-adapter";
import { db } from "@mg/db";
import { verifyPassword } from "@mg/db/password";
import { magicLinkMail, sendMail } from "@mg/jobs/mailer";
import { apiEnv } from "../env";
import { signInInput } from "../schemas/auth";
import { consumeRateLimit, RateLimitedError } from "../rate-limit";

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  return (typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined) || "unknown";
}

/** Which optional sign-in methods are configured (the sign-in page shows only these). */
export function enabledOAuthProviders(): { google: boolean; github: boolean } {
  const env = apiEnv();
  return { google: Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET), github: Boolean(env.GITHUB_ID && env.GITHUB_SECRET) };
}

/**
 * next-auth: password, magic link (mailed through the jobs mailer, which falls back to the dev
 * outbox offline), and Google/GitHub when configured. Sessions are JWTs carrying only the user;
 * the active organization always comes from the URL.
 */
export function createAuthOptions(): NextAuthOptions {
  const env = apiEnv();
  const guardedDb = db();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) throw new Error("Enter your email and password.");
        try {
          await consumeRateLimit("signIn", `${clientIp(req.headers)}:${parsed.data.email}`);
        } catch (error) {
          if (error instanceof RateLimitedError) throw new Error(error.message);
          throw error;
        }
        const user = await guardedDb.user.findUnique({ where: { email: parsed.data.email } });
        // One message for unknown email and wrong password: no account enumeration.
        if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.password))) {
          throw new Error("Email or password is incorrect.");
        }
        return { id: user.id, email: user.email, name: user.name, image: user.image };
      },
    }),
    EmailProvider({
      // The transport is the jobs mailer; next-auth's own nodemailer server setting is unused.
      server: "smtp://unused.invalid",
      from: "unused@marketing-genius.invalid",
      maxAge: 15 * 60,
      async sendVerificationRequest({ identifier, url }) {
        await consumeRateLimit("magicLink", identifier);
        await sendMail({ to: identifier, ...magicLinkMail({ url, host: new URL(url).host }) });
      },
    }),
  ];
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }

  return {
    adapter: PrismaAdapter(guardedDb as unknown as Parameters<typeof PrismaAdapter>[0]),
    secret: env.authSecret,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in", newUser: "/onboarding" },
    providers,
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
