import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { MemoryRateLimitStore, setRateLimitStore } from "../../src/rate-limit";
import { createAuthOptions } from "../../src/auth/options";
import { findActiveSession } from "../../src/auth/sessions";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { AuthBrowser } from "./auth-browser";

/**
 * Account pre-hijacking (issue 7 §1): an address counts as verified only once a link sent to it
 * was used, and an unverified account can do nothing tenant-related.
 */
let tenant: Tenant;
const created: string[] = [];

beforeAll(async () => {
  tenant = await createTenant("accounts");
});
beforeEach(() => setRateLimitStore(new MemoryRateLimitStore()));
afterAll(async () => {
  setRateLimitStore(undefined);
  await systemDb().user.deleteMany({ where: { email: { in: created } } });
  await deleteTenant(tenant);
});

function address(label: string): string {
  const email = `${label}-${randomUUID().slice(0, 8)}@test.local`;
  created.push(email);
  return email;
}

async function latestMail(to: string, subject: string) {
  const mail = await systemDb().devMail.findFirst({ where: { to, subject: { startsWith: subject } }, orderBy: { createdAt: "desc" } });
  if (!mail) throw new Error(`no "${subject}" mail to ${to}`);
  return mail;
}

async function confirmationToken(email: string): Promise<string> {
  const mail = await latestMail(email, "Confirm your email");
  const token = mail.text.match(/\/verify-email\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error("no confirmation link in the mail");
  return token;
}

async function sessionUserFor(browser: AuthBrowser) {
  const session = await browser.session();
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: null, emailVerified: user.emailVerified === true, sessionId: user.sessionId ?? null };
}

async function inviteToken(email: string): Promise<string> {
  const invited = await callerFor(tenant.users.OWNER, tenant.slug).members.invite({ email, role: "CONTENT_EDITOR" });
  return invited.inviteUrl.split("/invite/")[1] ?? "";
}

describe("password sign-up creates an unverified account", () => {
  it("mails a confirmation link; until it is used the account joins and creates nothing", async () => {
    const email = address("signup");
    const signedUp = await callerFor(null, null).auth.signUp({ name: "New Person", email, password: "a-long-password" });
    expect(signedUp).toMatchObject({ email, emailVerified: false });
    const row = await systemDb().user.findUniqueOrThrow({ where: { email } });
    expect(row.emailVerified).toBeNull();

    const browser = new AuthBrowser();
    expect(await browser.signInWithPassword(email, "a-long-password")).toBeNull();
    const unverified = await sessionUserFor(browser);
    expect(unverified).toMatchObject({ email, emailVerified: false });
    if (!unverified) throw new Error("not signed in");

    const token = await inviteToken(email);
    expect(await outcome(callerFor(unverified, null).members.accept({ token }))).toBe("FORBIDDEN");
    expect(await outcome(callerFor(unverified, null).organization.create({ name: "Not Yet", kind: "BUSINESS", timezone: "UTC" }))).toBe("FORBIDDEN");
    expect(await systemDb().membership.count({ where: { userId: row.id } })).toBe(0);

    // The page shows what the link is for without using it up; the click (a POST) confirms once.
    const link = await confirmationToken(email);
    expect(await callerFor(null, null).auth.verificationPreview({ token: link })).toMatchObject({ email });
    expect(await callerFor(null, null).auth.verifyEmail({ token: link })).toEqual({ email });
    expect(await outcome(callerFor(null, null).auth.verifyEmail({ token: link }))).toBe("NOT_FOUND");

    // The next request sees the verified address: the same session may now accept.
    const verified = await sessionUserFor(browser);
    expect(verified?.emailVerified).toBe(true);
    if (!verified) throw new Error("signed out");
    expect(await callerFor(verified, null).members.accept({ token })).toMatchObject({ organizationSlug: tenant.slug });
    // Confirming the sign-up link endorses the password chosen then.
    expect(await new AuthBrowser().signInWithPassword(email, "a-long-password")).toBeNull();
  });

  it("a new confirmation link can be asked for, only while unverified", async () => {
    const email = address("resend");
    await callerFor(null, null).auth.signUp({ name: "Resend", email, password: "a-long-password" });
    const browser = new AuthBrowser();
    await browser.signInWithPassword(email, "a-long-password");
    const user = await sessionUserFor(browser);
    if (!user) throw new Error("not signed in");
    const first = await confirmationToken(email);
    expect(await callerFor(user, null).auth.resendVerification()).toEqual({ sentTo: email });
    const second = await confirmationToken(email);
    expect(second).not.toBe(first);
    await callerFor(null, null).auth.verifyEmail({ token: second });
    expect(await outcome(callerFor({ ...user, emailVerified: true }, null).auth.resendVerification())).toBe("BAD_REQUEST");
  });
});

describe("pre-hijacking: an impostor registers the victim's address first", () => {
  it("the victim's email-link sign-in discards the impostor's password and ends the impostor's sessions", async () => {
    const victim = address("victim");
    await callerFor(null, null).auth.signUp({ name: "Impostor", email: victim, password: "impostor-password" });
    const impostor = new AuthBrowser("203.0.113.66");
    expect(await impostor.signInWithPassword(victim, "impostor-password")).toBeNull();
    const impostorSession = await impostor.session();
    expect(impostorSession?.user?.email).toBe(victim);
    const impostorSessionId = impostorSession?.user?.sessionId;
    if (!impostorSessionId) throw new Error("no session id");

    // The real owner never sees the confirmation mail as theirs; they sign in with an email link.
    const owner = new AuthBrowser("198.51.100.20");
    await owner.requestEmailLink(victim);
    await owner.openLatestEmailLink(victim);
    const ownerUser = await sessionUserFor(owner);
    expect(ownerUser).toMatchObject({ email: victim, emailVerified: true });

    const row = await systemDb().user.findUniqueOrThrow({ where: { email: victim } });
    expect(row.passwordHash).toBeNull();
    expect(row.emailVerified).not.toBeNull();
    expect(await findActiveSession(impostorSessionId)).toBeNull();
    expect(await impostor.session()).toBeNull();
    expect(await new AuthBrowser("203.0.113.66").signInWithPassword(victim, "impostor-password")).toBe("Email or password is incorrect.");

    // The owner accepts an invitation; the impostor has no way into it.
    if (!ownerUser) throw new Error("owner not signed in");
    const token = await inviteToken(victim);
    await callerFor(ownerUser, null).members.accept({ token });
    expect(await systemDb().membership.count({ where: { userId: row.id, organizationId: tenant.id } })).toBe(1);
  });

  it("an email-link sign-in of an already verified account keeps its password", async () => {
    const email = address("kept");
    await callerFor(null, null).auth.signUp({ name: "Kept", email, password: "a-long-password" });
    await callerFor(null, null).auth.verifyEmail({ token: await confirmationToken(email) });
    const browser = new AuthBrowser();
    await browser.requestEmailLink(email);
    await browser.openLatestEmailLink(email);
    expect(await browser.session()).not.toBeNull();
    expect((await systemDb().user.findUniqueOrThrow({ where: { email } })).passwordHash).not.toBeNull();
  });
});

describe("OAuth links only to an address the provider vouches for", () => {
  const options = createAuthOptions();
  const signIn = (provider: string, emailVerified: unknown) =>
    options.callbacks?.signIn?.({
      user: { id: "x", email: "someone@test.local" },
      account: { provider, type: "oauth", providerAccountId: "1" },
      profile: { email: "someone@test.local", email_verified: emailVerified } as never,
    });

  it("refuses Google and GitHub profiles whose address is not verified", async () => {
    expect(await signIn("google", true)).toBe(true);
    expect(await signIn("github", true)).toBe(true);
    for (const value of [false, undefined, "true"]) {
      expect(await signIn("google", value)).toBe("/sign-in?error=OAuthEmailUnverified");
      expect(await signIn("github", value)).toBe("/sign-in?error=OAuthEmailUnverified");
    }
  });

  it("linking a vouched address to an impostor's unverified account discards the impostor's password", async () => {
    const email = address("oauth");
    await callerFor(null, null).auth.signUp({ name: "Impostor", email, password: "impostor-password" });
    const user = await systemDb().user.findUniqueOrThrow({ where: { email } });
    await options.events?.linkAccount?.({ user: { id: user.id, email }, account: { provider: "google", type: "oauth", providerAccountId: "g-1", userId: user.id }, profile: { id: user.id, email } });
    const after = await systemDb().user.findUniqueOrThrow({ where: { email } });
    expect(after.passwordHash).toBeNull();
    expect(after.emailVerified).not.toBeNull();
  });
});
