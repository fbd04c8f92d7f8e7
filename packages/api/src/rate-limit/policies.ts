/**
 * Every rate limit in the product, by name. Procedures and the sign-in flow refer to a policy;
 * nothing else defines limits. Windows are fixed unless `sliding` (the two-window estimate,
 * stores.ts: a burst across a window boundary still counts); `by` documents what the key is built from —
 * and an IP is always the one `clientIpFrom` derives from the trusted-proxy chain, never a
 * header the client controls.
 */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
  by: "ip" | "user" | "organization" | "email" | "global" | "ip+form" | "form";
  description: string;
  sliding?: boolean;
}

export const RATE_LIMIT_POLICIES = {
  signInPerIp: { limit: 30, windowMs: 15 * 60_000, by: "ip", description: "Password sign-in attempts per IP (any account)" },
  signInGlobal: { limit: 1_200, windowMs: 60_000, by: "global", description: "Password sign-in attempts across the whole installation (credential stuffing); email links keep working" },
  signInFailures: { limit: 10, windowMs: 60 * 60_000, by: "email", description: "Wrong passwords per account before an email link is required (slower after 5)" },
  signInCooldown: { limit: 1, windowMs: 60_000, by: "email", description: "After 5 wrong passwords: one attempt per minute for that account" },
  signUp: { limit: 20, windowMs: 60 * 60_000, by: "ip", description: "Accounts created per IP" },
  magicLinkPerAddress: { limit: 5, windowMs: 15 * 60_000, by: "email", description: "Sign-in links mailed per address" },
  magicLinkPerIp: { limit: 20, windowMs: 15 * 60_000, by: "ip", description: "Sign-in links mailed per IP (any address)" },
  verificationEmails: { limit: 5, windowMs: 60 * 60_000, by: "user", description: "Email confirmation links mailed per account" },
  visitsPerIp: { limit: 60, windowMs: 60_000, by: "ip", description: "Tracked-link and landing-page visits recorded per IP (past it visitors are still redirected, not counted)" },
  publicRead: { limit: 120, windowMs: 60_000, by: "ip", description: "Unauthenticated API reads per IP" },
  userRequests: { limit: 600, windowMs: 60_000, by: "user", description: "API requests per signed-in user" },
  invitations: { limit: 50, windowMs: 60 * 60_000, by: "organization", description: "Invitations sent per organization" },
  bulkImports: { limit: 30, windowMs: 60 * 60_000, by: "organization", description: "CSV imports of posts per organization" },
  hashtagSuggestions: { limit: 60, windowMs: 60_000, by: "user", description: "Hashtag suggestions per user (each may call the AI model)" },
  organizationsCreated: { limit: 20, windowMs: 24 * 60 * 60_000, by: "user", description: "Organizations a user creates per day" },
  formSubmitPerIp: { limit: 10, windowMs: 10 * 60_000, by: "ip+form", sliding: true, description: "Lead form submissions per IP and form (public intake)" },
  formSubmitPerForm: { limit: 6_000, windowMs: 60_000, by: "form", sliding: true, description: "Lead form submissions per form from all IPs (a flood against one form)" },
} as const satisfies Record<string, RateLimitPolicy>;

/** Wrong passwords after which each further attempt waits for `signInCooldown`. */
export const SIGN_IN_SLOW_DOWN_AFTER = 5;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;
