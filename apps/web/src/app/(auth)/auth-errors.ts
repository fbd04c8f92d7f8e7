/** next-auth's `?error=` codes, in words a user can act on. */
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Email or password is incorrect.",
  Verification: "That sign-in link is invalid, already used or expired. Request a new one below.",
  EmailSignin: "We could not send the sign-in email. Please try again in a moment.",
  OAuthAccountNotLinked: "This email already signs in another way. Use the method you used before, then link accounts from your profile.",
  OAuthSignin: "Could not start signing in with that provider. Please try again.",
  OAuthCallback: "Signing in with that provider did not complete. Please try again.",
  OAuthCreateAccount: "Could not create your account with that provider.",
  EmailCreateAccount: "Could not create your account with that email.",
  Callback: "Signing in did not complete. Please try again.",
  AccessDenied: "You do not have access to sign in.",
  SessionRequired: "Please sign in to continue.",
  Configuration: "Sign-in is not configured correctly on the server. Please contact support.",
  OAuthEmailUnverified: "That provider has not verified your email address, so it cannot sign you in. Verify the address with the provider, or sign in with an email link.",
  EmailLinkRequired: "For your security, password sign-in for this account is paused after too many wrong passwords. Sign in with an email link instead — it also unlocks your password.",
  SignInBusy: "Password sign-in is paused for a moment because of unusual traffic. Sign in with an email link instead, or try again in a minute.",
};

/** Refusals after which the email-link tab is the way forward. */
export const EMAIL_LINK_CODES = new Set(["EmailLinkRequired", "SignInBusy"]);

const FALLBACK = "Sign-in failed. Please try again.";

export function authErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? FALLBACK;
}

/**
 * Why `signIn(…, { redirect: false })` failed: next-auth's code in words (`fallbackCode` when it
 * gave none), or the message authorize() threw (e.g. a rate limit), which arrives as it is.
 */
export function signInErrorMessage(error: string | null | undefined, fallbackCode: string): string {
  const code = error || fallbackCode;
  if (!/^[A-Z][A-Za-z]+$/.test(code)) return code;
  return MESSAGES[code] ?? FALLBACK;
}
