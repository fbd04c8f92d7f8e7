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
};

export function authErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "Sign-in failed. Please try again.";
}
