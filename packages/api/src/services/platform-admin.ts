import { platformAdminEmails } from "../env";

/**
 * Who operates this installation. There is no platform-admin role yet, so the rule is the
 * configuration: a signed-in user whose *verified* address is in PLATFORM_ADMIN_EMAILS. An
 * unverified account may be an impostor's sign-up under an operator's address (pre-hijacking),
 * so it never qualifies, whatever the list says.
 */
export function isPlatformAdmin(user: { email: string; emailVerified: boolean } | null, admins: readonly string[] = platformAdminEmails()): boolean {
  if (!user?.emailVerified) return false;
  return admins.includes(user.email.trim().toLowerCase());
}
