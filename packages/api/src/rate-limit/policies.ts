/**
 * Every rate limit in the product, by name. Procedures and the sign-in flow refer to a policy;
 * nothing else defines limits. Windows are fixed; `by` documents what the key is built from.
 */
export interface RateLimitPolicy {
  limit: number;
  windowMs: number;
  by: "ip" | "user" | "organization" | "ip+email";
  description: string;
}

export const RATE_LIMIT_POLICIES = {
  signIn: { limit: 10, windowMs: 15 * 60_000, by: "ip+email", description: "Password sign-in attempts per IP and email" },
  signUp: { limit: 20, windowMs: 60 * 60_000, by: "ip", description: "Accounts created per IP" },
  magicLink: { limit: 5, windowMs: 15 * 60_000, by: "ip+email", description: "Sign-in links mailed per IP and email" },
  publicRead: { limit: 120, windowMs: 60_000, by: "ip", description: "Unauthenticated API reads per IP" },
  userRequests: { limit: 600, windowMs: 60_000, by: "user", description: "API requests per signed-in user" },
  invitations: { limit: 50, windowMs: 60 * 60_000, by: "organization", description: "Invitations sent per organization" },
  bulkImports: { limit: 30, windowMs: 60 * 60_000, by: "organization", description: "CSV imports of posts per organization" },
  hashtagSuggestions: { limit: 60, windowMs: 60_000, by: "user", description: "Hashtag suggestions per user (each may call the AI model)" },
  organizationsCreated: { limit: 20, windowMs: 24 * 60 * 60_000, by: "user", description: "Organizations a user creates per day" },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;
