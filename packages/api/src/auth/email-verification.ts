import { systemDb } from "@mg/db/system";
import { sendMail, verifyEmailMail } from "@mg/jobs/mailer";
import { apiEnv } from "../env";
import { createLinkToken, hashLinkToken } from "../services/tokens";
import { confirmSignUpEmail } from "./accounts";

const LINK_HOURS = 24;

/**
 * The link mailed at password sign-up. Confirming is a deliberate POST from the page the link
 * opens (mail scanners fetch links with GET, and a scanner must not endorse an impostor's
 * password on the owner's behalf).
 */
export async function sendEmailVerification(user: { id: string; email: string; name: string | null }, options: { returnTo?: string } = {}): Promise<void> {
  const { token, hash } = createLinkToken();
  await systemDb().emailVerification.create({
    data: { userId: user.id, email: user.email, tokenHash: hash, expiresAt: new Date(Date.now() + LINK_HOURS * 3_600_000) },
  });
  const url = `${apiEnv().NEXTAUTH_URL.replace(/\/$/, "")}/verify-email/${token}${options.returnTo ? `?next=${encodeURIComponent(options.returnTo)}` : ""}`;
  await sendMail({ to: user.email, ...verifyEmailMail({ url, recipientName: user.name }) });
}

export type VerificationOutcome = { ok: true; email: string } | { ok: false };

/** Consumes the link once; an unknown, used, expired or outdated link all read the same. */
export async function confirmEmailVerification(token: string): Promise<VerificationOutcome> {
  const row = await systemDb().emailVerification.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { id: true, userId: true, email: true, expiresAt: true, consumedAt: true, user: { select: { email: true } } },
  });
  if (!row || row.consumedAt || row.expiresAt.getTime() < Date.now() || row.user.email !== row.email) return { ok: false };
  const claimed = await systemDb().emailVerification.updateMany({ where: { id: row.id, consumedAt: null }, data: { consumedAt: new Date() } });
  if (claimed.count === 0) return { ok: false };
  await confirmSignUpEmail(row.userId);
  return { ok: true, email: row.email };
}

/** What the confirmation page shows before the click, without consuming anything. */
export async function previewEmailVerification(token: string): Promise<{ email: string; accountCreatedAt: Date } | null> {
  const row = await systemDb().emailVerification.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: { email: true, expiresAt: true, consumedAt: true, user: { select: { email: true, createdAt: true } } },
  });
  if (!row || row.consumedAt || row.expiresAt.getTime() < Date.now() || row.user.email !== row.email) return null;
  return { email: row.email, accountCreatedAt: row.user.createdAt };
}
