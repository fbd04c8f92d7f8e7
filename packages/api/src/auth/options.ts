import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import GoogleProvider from "next-auth/providers/google";
import GitHubProvider from "next-auth/providers/github";
import { magicLinkMail, sendMail } from "@mg/jobs/mailer";
import { apiEnv } from "../env";
import { clientIpFrom } from "../client-ip";
import { signInInput } from "../schemas/auth";
import { authLog } from "./log";
import { createAuthAdapter } from "./adapter";
import { proveEmailOwnership, userWithPassword } from "./accounts";
import { endSession, findActiveSession, SESSION_MAX_AGE_SECONDS, startSession, type SessionMeta } from "./sessions";
import { assertPasswordAttemptAllowed, assertSignInLinkAllowed, recordPasswordFailure, recordSignInSuccess, SignInRefusedError } from "./sign-in-guard";
import { githubUserinfo, providerVouchesForEmail, type ProviderProfile } from "./oauth";

/** Which optional sign-in methods are configured (the sign-in page shows only these). */
export function enabledOAuthProviders(): { google: boolean; github: boolean } {
  const env = apiEnv();
  return { google: Boolean(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET), github: Boolean(env.GITHUB_ID && env.GITHUB_SECRET) };
}

/** The JWT ended server-side (signed out, password changed, signed out everywhere…). next-auth clears the cookie. */
export class SessionEndedError extends Error {
  override name = "SessionEndedError";
}

type HeaderBag = Record<string, unknown> | undefined;

/**
 * Password sign-in: limits first (per account, per IP, global), then the password. One message
 * for an unknown email and a wrong password, and the same failure count: no account enumeration.
 */
export async function authorizePassword(raw: unknown, headers: HeaderBag): Promise<{ id: string; email: string; name: string | null; image: string | null }> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) throw new Error("Enter your email and password.");
  const { email, password } = parsed.data;
  try {
    await assertPasswordAttemptAllowed({ email, ip: clientIpFrom(headers) });
  } catch (error) {
    if (error instanceof SignInRefusedError) authLog().info({ event: "sign-in.refused", reason: error.reason, ip: clientIpFrom(headers) }, "password sign-in refused");
    throw error;
  }
  const user = await userWithPassword(email, password);
  if (!user) {
    await recordPasswordFailure(email);
    throw new Error("Email or password is incorrect.");
  }
  await recordSignInSuccess(email);
  return { id: user.id, email: user.email, name: user.name, image: user.image };
}

/**
 * next-auth: password, magic link (mailed through the jobs mailer, which falls back to the dev
 * outbox offline), and Google/GitHub when configured. The session JWT carries the user and a
 * server-side session id checked on every request (./sessions.ts); the active organization
 * always comes from the URL. `meta` is the request's client IP and user agent (route handler).
 */
export function createAuthOptions(meta: SessionMeta = { ip: null, userAgent: null }): NextAuthOptions {
  const env = apiEnv();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (raw, req) => authorizePassword(raw, req.headers),
    }),
    EmailProvider({
      // The transport is the jobs mailer; next-auth's own nodemailer server setting is unused.
      server: "smtp://unused.invalid",
      from: "unused@marketing-genius.invalid",
      maxAge: 15 * 60,
      async sendVerificationRequest({ identifier, url }) {
        await assertSignInLinkAllowed({ email: identifier.toLowerCase(), ip: meta.ip });
        await sendMail({ to: identifier, ...magicLinkMail({ url, host: new URL(url).host }) });
      },
    }),
  ];
  // Linking by email is safe here because signIn() below admits only addresses the provider vouches for.
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET, allowDangerousEmailAccountLinking: true }));
  }
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET, allowDangerousEmailAccountLinking: true, userinfo: githubUserinfo }));
  }

  return {
    adapter: createAuthAdapter(),
    secret: env.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in", newUser: "/onboarding" },
    providers,
    logger: {
      error(code, metadata) {
        // A revoked session is expected, not an error: next-auth reports it while clearing the cookie.
        const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        if (code === "JWT_SESSION_ERROR" && cause instanceof SessionEndedError) return;
        authLog().error({ code, err: cause ?? metadata }, "next-auth error");
      },
      warn(code) {
        authLog().warn({ code }, "next-auth warning");
      },
      debug() {},
    },
    callbacks: {
      signIn({ account, profile }) {
        if (account?.type !== "oauth") return true;
        if (providerVouchesForEmail(account.provider, profile as ProviderProfile | undefined)) return true;
        return "/sign-in?error=OAuthEmailUnverified";
      },
      async jwt({ token, user }) {
        if (user) {
          // Sign-in: a new server-side session; the cookie carries only its id.
          token.sub = user.id;
          token.sid = await startSession(user.id, meta);
          token.emailVerified = Boolean((user as { emailVerified?: Date | null }).emailVerified);
          return token;
        }
        const session = typeof token.sid === "string" ? await findActiveSession(token.sid) : null;
        if (!session || session.userId !== token.sub) throw new SessionEndedError("This session has ended.");
        token.email = session.email;
        token.name = session.name;
        token.emailVerified = session.emailVerified;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) {
          Object.assign(session.user, { id: token.sub, email: token.email, name: token.name ?? null, emailVerified: token.emailVerified === true, sessionId: typeof token.sid === "string" ? token.sid : null });
        }
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        // An email link proves the address too: the owner gets password sign-in back.
        if (account?.type === "email" && user.email) await recordSignInSuccess(user.email.toLowerCase());
      },
      async linkAccount({ user }) {
        // Reached only for addresses the provider vouches for (signIn above).
        await proveEmailOwnership(user.id);
      },
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}
