import { rateLimitCount, rateLimitReached, recordRateLimitHit, resetRateLimit, consumeRateLimit, RateLimitedError, SIGN_IN_SLOW_DOWN_AFTER } from "../rate-limit";

/**
 * Limits around password sign-in and sign-in links (docs/tenancy.md, "Sign-in limits").
 * Keys: the account (by its normalized email), the client IP (from the trusted-proxy chain, see
 * client-ip.ts) and the whole installation. Wrong passwords for one account slow it down, then
 * require an email link — which an attacker guessing passwords cannot take from the owner: the
 * link path has its own limits (per address and per IP) and never looks at password failures.
 */
export type SignInRefusal = "slow-down" | "email-link-required" | "ip-limited" | "busy";

export class SignInRefusedError extends Error {
  override name = "SignInRefusedError";
  constructor(
    readonly reason: SignInRefusal,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

/** Codes the sign-in page turns into words and actions (next-auth passes authorize()'s message through). */
export const SIGN_IN_REFUSAL_CODES = { "email-link-required": "EmailLinkRequired", busy: "SignInBusy" } as const;

const GLOBAL_KEY = "all";

function wait(seconds: number): string {
  return seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
}

/** Before checking a password: throws SignInRefusedError when this attempt may not even be tried. */
export async function assertPasswordAttemptAllowed({ email, ip }: { email: string; ip: string | null }): Promise<void> {
  if ((await rateLimitReached("signInFailures", email)) !== null) {
    throw new SignInRefusedError("email-link-required", SIGN_IN_REFUSAL_CODES["email-link-required"]);
  }
  const cooldown = await rateLimitReached("signInCooldown", email);
  if (cooldown !== null) throw new SignInRefusedError("slow-down", `Too many wrong passwords for this account. Try again in ${wait(cooldown)}, or sign in with an email link.`, cooldown);
  try {
    await consumeRateLimit("signInPerIp", ip ?? "unknown");
    await consumeRateLimit("signInGlobal", GLOBAL_KEY);
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    if (error.policy === "signInGlobal") throw new SignInRefusedError("busy", SIGN_IN_REFUSAL_CODES.busy, error.retryAfterSeconds);
    throw new SignInRefusedError("ip-limited", `Too many sign-in attempts from your network. Try again in ${wait(error.retryAfterSeconds)}, or sign in with an email link.`, error.retryAfterSeconds);
  }
}

/** A wrong password (or an unknown email: the same answer and the same count, so no enumeration). */
export async function recordPasswordFailure(email: string): Promise<void> {
  const failures = await recordRateLimitHit("signInFailures", email);
  if (failures >= SIGN_IN_SLOW_DOWN_AFTER) await recordRateLimitHit("signInCooldown", email);
}

/** Any successful sign-in (password or email link) ends the account's failure count. */
export async function recordSignInSuccess(email: string): Promise<void> {
  await Promise.all([resetRateLimit("signInFailures", email), resetRateLimit("signInCooldown", email)]);
}

/** Sign-in and confirmation links mailed: per address and per IP, never blocked by password failures. */
export async function assertSignInLinkAllowed({ email, ip }: { email: string; ip: string | null }): Promise<void> {
  await consumeRateLimit("magicLinkPerAddress", email);
  await consumeRateLimit("magicLinkPerIp", ip ?? "unknown");
}

/** For tests and the status page: how many wrong passwords the account has in the current window. */
export function passwordFailures(email: string): Promise<number> {
  return rateLimitCount("signInFailures", email);
}
