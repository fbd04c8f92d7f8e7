import { systemDb } from "@mg/db/system";
import { hashPassword, verifyPassword } from "@mg/db/password";
import { endAllSessions } from "./sessions";

/**
 * The account model (docs/tenancy.md, "Accounts and sessions"): an email address is verified
 * only by a link sent to it. A password chosen at sign-up belongs to an unverified account until
 * its owner confirms the address with the link mailed then; until that, the account can do
 * nothing tenant-related. Proving the address another way (a magic link, an OAuth provider that
 * vouches for it) while the account is still unverified means the password was never the
 * owner's: it is discarded, with every session and OAuth link made in the meantime.
 */

export interface AccountUser {
  id: string;
  email: string;
  name: string | null;
  image: string | null;
  emailVerified: Date | null;
}

const ACCOUNT_USER = { id: true, email: true, name: true, image: true, emailVerified: true } as const;

export class EmailTakenError extends Error {
  override name = "EmailTakenError";
}

/** Password sign-up: an unverified account. */
export async function createPasswordAccount(input: { name: string; email: string; password: string }): Promise<AccountUser> {
  const existing = await systemDb().user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new EmailTakenError("An account with this email already exists.");
  const passwordHash = await hashPassword(input.password);
  return systemDb().user.create({ data: { name: input.name, email: input.email, passwordHash }, select: ACCOUNT_USER });
}

/** The user a password sign-in would enter, when the password matches. */
export async function userWithPassword(email: string, password: string): Promise<AccountUser | null> {
  const user = await systemDb().user.findUnique({ where: { email }, select: { ...ACCOUNT_USER, passwordHash: true } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, password))) return null;
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

export interface OwnershipProof {
  /** A password set while the address was unverified was removed, and every session ended. */
  passwordDiscarded: boolean;
}

/**
 * The holder of the mailbox (magic link) or a provider that vouches for the address (OAuth) has
 * just proven ownership. First proof of an unverified account: discard what an impostor may
 * have set up — password, OAuth links, sessions — in one transaction, then mark it verified.
 */
export async function proveEmailOwnership(userId: string): Promise<OwnershipProof> {
  const outcome = await systemDb().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { emailVerified: true, passwordHash: true } });
    if (!user) throw new Error(`proveEmailOwnership: no user ${userId}`);
    if (user.emailVerified) return { passwordDiscarded: false };
    const passwordDiscarded = user.passwordHash !== null;
    if (passwordDiscarded) {
      await tx.account.deleteMany({ where: { userId } });
      await tx.session.deleteMany({ where: { userId } });
    }
    await tx.user.update({ where: { id: userId }, data: { emailVerified: new Date(), ...(passwordDiscarded ? { passwordHash: null } : {}) } });
    return { passwordDiscarded };
  });
  return outcome;
}

/** The sign-up confirmation link: the owner endorses the account as created, password included. */
export async function confirmSignUpEmail(userId: string): Promise<void> {
  await systemDb().user.updateMany({ where: { id: userId, emailVerified: null }, data: { emailVerified: new Date() } });
}

export class WrongPasswordError extends Error {
  override name = "WrongPasswordError";
}

export class EmailNotVerifiedError extends Error {
  override name = "EmailNotVerifiedError";
}

/**
 * Sets a new password. With an existing password the current one must be given; an account
 * without one (magic-link or OAuth users) may set one only once its address is verified. Every
 * other session ends; the device that changed it stays signed in.
 */
export async function changePassword(input: { userId: string; currentPassword: string | null; newPassword: string; keepSessionId: string | null }): Promise<{ endedSessions: number }> {
  const user = await systemDb().user.findUnique({ where: { id: input.userId }, select: { passwordHash: true, emailVerified: true } });
  if (!user) throw new WrongPasswordError("Your account was not found.");
  if (user.passwordHash) {
    if (!input.currentPassword || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw new WrongPasswordError("Your current password is not correct.");
  } else if (!user.emailVerified) {
    throw new EmailNotVerifiedError("Confirm your email address before setting a password.");
  }
  await systemDb().user.update({ where: { id: input.userId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  return { endedSessions: await endAllSessions(input.userId, { except: input.keepSessionId }) };
}

export async function accountSummary(userId: string): Promise<{ email: string; name: string | null; emailVerified: boolean; hasPassword: boolean } | null> {
  const user = await systemDb().user.findUnique({ where: { id: userId }, select: { email: true, name: true, emailVerified: true, passwordHash: true } });
  return user ? { email: user.email, name: user.name, emailVerified: user.emailVerified !== null, hasPassword: user.passwordHash !== null } : null;
}
