import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@mg/db/system";
import { hashPassword } from "@mg/db/password";
import { MemoryRateLimitStore, setRateLimitStore } from "../../src/rate-limit";
import { findActiveSession } from "../../src/auth/sessions";
import { callerFor, createTenant, deleteTenant, outcome, type Tenant } from "../fixtures";
import { AuthBrowser } from "./auth-browser";

/**
 * Sessions end server-side (issue 7 §1): the JWT in the cookie names a session row that every
 * request checks, so a token replayed after sign-out, a password change, "sign out everywhere"
 * or removal from the last organization finds nobody signed in.
 */
const PASSWORD = "correct-horse-battery";
let tenant: Tenant;
const emails: string[] = [];

beforeAll(async () => {
  tenant = await createTenant("sessions");
});
beforeEach(() => setRateLimitStore(new MemoryRateLimitStore()));
afterAll(async () => {
  setRateLimitStore(undefined);
  await systemDb().user.deleteMany({ where: { email: { in: emails } } });
  await deleteTenant(tenant);
});

async function verifiedUser(label: string, membership?: { organizationId: string; role: "VIEWER" | "ADMIN" }) {
  const email = `${label}-${randomUUID().slice(0, 8)}@test.local`;
  emails.push(email);
  const user = await systemDb().user.create({ data: { email, name: label, emailVerified: new Date(), passwordHash: await hashPassword(PASSWORD) } });
  if (membership) await systemDb().membership.create({ data: { ...membership, userId: user.id } });
  return user;
}

async function signedIn(email: string, peer?: string): Promise<AuthBrowser> {
  const browser = new AuthBrowser(peer);
  expect(await browser.signInWithPassword(email, PASSWORD)).toBeNull();
  expect((await browser.session())?.user?.email).toBe(email);
  return browser;
}

/** The same cookie in another jar: what a copied (stolen, or simply old) token does. */
function replay(browser: AuthBrowser): AuthBrowser {
  const copy = new AuthBrowser(browser.peer);
  const cookie = browser.sessionCookie();
  if (!cookie) throw new Error("no session cookie to replay");
  copy.cookies.set("next-auth.session-token", cookie);
  return copy;
}

async function sessionUser(browser: AuthBrowser) {
  const user = (await browser.session())?.user;
  if (!user?.id || !user.email) throw new Error("not signed in");
  return { id: user.id, email: user.email, name: null, emailVerified: user.emailVerified === true, sessionId: user.sessionId ?? null };
}

describe("server-side sessions", () => {
  it("sign-out ends the session: the old token finds nobody signed in", async () => {
    const user = await verifiedUser("signout");
    const browser = await signedIn(user.email);
    const stolen = replay(browser);
    expect((await stolen.session())?.user?.id).toBe(user.id);
    const sessionId = (await browser.session())?.user?.sessionId;
    await browser.signOut();
    expect(await stolen.session()).toBeNull();
    expect(sessionId && (await findActiveSession(sessionId))).toBeNull();
  });

  it("each device has its own session; signing out one leaves the other", async () => {
    const user = await verifiedUser("devices");
    const laptop = await signedIn(user.email, "198.51.100.1");
    const phone = await signedIn(user.email, "198.51.100.2");
    const list = await callerFor(await sessionUser(laptop), null).account.sessions();
    expect(list.map((s) => s.ip).sort()).toEqual(["198.51.100.1", "198.51.100.2"]);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    await phone.signOut();
    expect(await laptop.session()).not.toBeNull();
  });

  it("a password change ends every other session and keeps this device", async () => {
    const user = await verifiedUser("password");
    const here = await signedIn(user.email);
    const elsewhere = await signedIn(user.email);
    const result = await callerFor(await sessionUser(here), null).account.changePassword({ currentPassword: PASSWORD, newPassword: "a-brand-new-password" });
    expect(result.endedSessions).toBe(1);
    expect(await elsewhere.session()).toBeNull();
    expect(await here.session()).not.toBeNull();
    expect(await new AuthBrowser().signInWithPassword(user.email, PASSWORD)).toBe("Email or password is incorrect.");
    expect(await new AuthBrowser().signInWithPassword(user.email, "a-brand-new-password")).toBeNull();
  });

  it("a password change needs the current password", async () => {
    const user = await verifiedUser("wrong-current");
    const here = await signedIn(user.email);
    expect(await outcome(callerFor(await sessionUser(here), null).account.changePassword({ currentPassword: "not-it-at-all", newPassword: "a-brand-new-password" }))).toBe("BAD_REQUEST");
    expect(await outcome(callerFor(await sessionUser(here), null).account.changePassword({ newPassword: "a-brand-new-password" }))).toBe("BAD_REQUEST");
  });

  it("sign out everywhere (the account's own) ends the other devices", async () => {
    const user = await verifiedUser("everywhere");
    const here = await signedIn(user.email);
    const a = await signedIn(user.email);
    const b = await signedIn(user.email);
    expect(await callerFor(await sessionUser(here), null).account.signOutEverywhere()).toEqual({ ended: 2 });
    expect(await a.session()).toBeNull();
    expect(await b.session()).toBeNull();
    expect(await here.session()).not.toBeNull();
  });

  it("one device can be signed out from another, but not someone else's", async () => {
    const user = await verifiedUser("one-device");
    const other = await verifiedUser("someone-else");
    const here = await signedIn(user.email);
    const there = await signedIn(user.email);
    const theirs = await signedIn(other.email);
    const thereId = (await there.session())?.user?.sessionId ?? "";
    const theirId = (await theirs.session())?.user?.sessionId ?? "";
    expect(await outcome(callerFor(await sessionUser(here), null).account.endSession({ sessionId: theirId }))).toBe("NOT_FOUND");
    expect(await theirs.session()).not.toBeNull();
    await callerFor(await sessionUser(here), null).account.endSession({ sessionId: thereId });
    expect(await there.session()).toBeNull();
  });

  it("an admin signs a member out everywhere", async () => {
    const member = await verifiedUser("member", { organizationId: tenant.id, role: "VIEWER" });
    const device = await signedIn(member.email);
    const membership = await systemDb().membership.findFirstOrThrow({ where: { userId: member.id, organizationId: tenant.id } });
    expect(await callerFor(tenant.users.ADMIN, tenant.slug).members.signOutEverywhere({ membershipId: membership.id })).toEqual({ ended: 1 });
    expect(await device.session()).toBeNull();
    // The member can sign in again: this ends sessions, not access.
    expect(await new AuthBrowser().signInWithPassword(member.email, PASSWORD)).toBeNull();
  });

  it("removal from the last organization ends the member's sessions; removal from one of two does not", async () => {
    const lastOnly = await verifiedUser("last-org", { organizationId: tenant.id, role: "VIEWER" });
    const twoOrgs = await verifiedUser("two-orgs", { organizationId: tenant.id, role: "VIEWER" });
    await systemDb().membership.create({ data: { organizationId: tenant.clientId, userId: twoOrgs.id, role: "VIEWER" } });
    const lastDevice = await signedIn(lastOnly.email);
    const twoDevice = await signedIn(twoOrgs.email);
    const admin = callerFor(tenant.users.ADMIN, tenant.slug);
    for (const user of [lastOnly, twoOrgs]) {
      const membership = await systemDb().membership.findFirstOrThrow({ where: { userId: user.id, organizationId: tenant.id } });
      await admin.members.remove({ membershipId: membership.id });
    }
    expect(await lastDevice.session()).toBeNull();
    expect(await twoDevice.session()).not.toBeNull();
  });

  it("an expired session row is no session", async () => {
    const user = await verifiedUser("expired");
    const browser = await signedIn(user.email);
    const sessionId = (await browser.session())?.user?.sessionId ?? "";
    await systemDb().session.update({ where: { id: sessionId }, data: { expires: new Date(Date.now() - 1000) } });
    expect(await browser.session()).toBeNull();
  });
});
