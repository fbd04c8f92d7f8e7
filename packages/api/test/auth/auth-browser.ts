import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { AuthOptions } from "next-auth";
import { systemDb } from "@mg/db/system";
import { createAuthOptions } from "../../src/auth/options";
import { PEER_ADDRESS_HEADER } from "../../src/client-ip";

interface RequestInternal {
  origin?: string;
  method?: string;
  cookies?: Record<string, string>;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, string>;
  action: string;
  providerId?: string;
}

interface ResponseInternal {
  status?: number;
  body?: unknown;
  redirect?: string;
  cookies?: { name: string; value: string; options: { maxAge?: number; expires?: Date } }[];
}

// next-auth's request handler, which its package does not export by name: the Next.js route
// wrapper calls exactly this with the request's cookies, headers, body and query.
const require = createRequire(import.meta.url);
const { AuthHandler } = require(join(dirname(require.resolve("next-auth")), "core", "index.js")) as {
  AuthHandler(params: { req: RequestInternal; options: AuthOptions }): Promise<ResponseInternal>;
};

/**
 * One browser talking to next-auth's real request handler (the same `AuthHandler` the Next.js
 * route runs): CSRF cookie, credentials and email-link callbacks, session reads, sign-out —
 * with its cookie jar, from one client address. Only the Next.js wrapper is left out.
 */
export class AuthBrowser {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly peer = "198.51.100.7",
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  private options() {
    return createAuthOptions({ ip: this.peer, userAgent: "vitest-browser" });
  }

  async call(req: Omit<RequestInternal, "cookies" | "headers" | "origin">): Promise<ResponseInternal> {
    const res = await AuthHandler({
      req: { origin: "http://localhost:3000", headers: { host: "localhost:3000", [PEER_ADDRESS_HEADER]: this.peer, "user-agent": "vitest-browser", ...this.extraHeaders }, cookies: Object.fromEntries(this.cookies), ...req },
      options: this.options(),
    });
    for (const cookie of res.cookies ?? []) {
      const expired = cookie.options.maxAge === 0 || (cookie.options.expires instanceof Date && cookie.options.expires.getTime() <= Date.now());
      if (expired || cookie.value === "") this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return res;
  }

  async csrf(): Promise<string> {
    const res = await this.call({ action: "csrf", method: "GET" });
    return (res.body as { csrfToken: string }).csrfToken;
  }

  /** The `error` next-auth redirected with, or null when signed in. */
  async signInWithPassword(email: string, password: string): Promise<string | null> {
    const csrfToken = await this.csrf();
    const res = await this.call({ action: "callback", providerId: "credentials", method: "POST", body: { email, password, csrfToken, callbackUrl: "http://localhost:3000/" }, query: {} });
    const redirect = res.redirect ? new URL(res.redirect, "http://localhost:3000") : null;
    return redirect?.searchParams.get("error") ?? null;
  }

  async requestEmailLink(email: string): Promise<ResponseInternal> {
    const csrfToken = await this.csrf();
    return this.call({ action: "signin", providerId: "email", method: "POST", body: { email, csrfToken, callbackUrl: "http://localhost:3000/" }, query: {} });
  }

  /** Opens the newest sign-in link mailed to `email` (from the dev outbox). */
  async openLatestEmailLink(email: string): Promise<ResponseInternal> {
    const mail = await systemDb().devMail.findFirst({ where: { to: email, subject: { startsWith: "Sign in" } }, orderBy: { createdAt: "desc" } });
    const href = mail?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/email\S*/)?.[0];
    if (!href) throw new Error(`no sign-in link mailed to ${email}`);
    const url = new URL(href);
    return this.call({ action: "callback", providerId: "email", method: "GET", query: Object.fromEntries(url.searchParams) });
  }

  async session(): Promise<{ user?: { id?: string; email?: string; emailVerified?: boolean; sessionId?: string | null } } | null> {
    const res = await this.call({ action: "session", method: "GET" });
    const body = res.body as Record<string, unknown> | undefined;
    return body && Object.keys(body).length > 0 ? (body as { user?: { id?: string } }) : null;
  }

  async signOut(): Promise<void> {
    const csrfToken = await this.csrf();
    await this.call({ action: "signout", method: "POST", body: { csrfToken, callbackUrl: "http://localhost:3000/" } });
  }

  /** A copy of the session cookie as it is now: replaying it later is what an attacker with a stolen token does. */
  sessionCookie(): string | undefined {
    return this.cookies.get("next-auth.session-token");
  }
}
