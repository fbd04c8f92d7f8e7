import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";

/**
 * OAuth sign-in links to (or creates) an account only for an address the provider vouches for:
 * Google's `email_verified` claim; GitHub's primary address when GitHub marks it verified.
 * Anything else is refused, so nobody can pre-claim an address with a provider account.
 */
export type ProviderProfile = Profile & { email_verified?: unknown };

export function providerVouchesForEmail(provider: string, profile: ProviderProfile | undefined): boolean {
  if (!profile?.email) return false;
  if (provider === "google" || provider === "github") return profile.email_verified === true;
  return false;
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * GitHub's userinfo with the primary address and whether GitHub verified it (next-auth's default
 * takes the primary address without looking at `verified`). Requires the `user:email` scope.
 */
export const githubUserinfo: NonNullable<Exclude<OAuthConfig<Record<string, unknown>>["userinfo"], string>> = {
  url: "https://api.github.com/user",
  async request({ client, tokens }) {
    const profile = (await client.userinfo(tokens.access_token ?? "")) as Record<string, unknown>;
    const response = await fetch("https://api.github.com/user/emails", { headers: { Authorization: `token ${tokens.access_token ?? ""}`, Accept: "application/vnd.github+json" } });
    const emails = response.ok ? ((await response.json()) as GitHubEmail[]) : [];
    const primary = emails.find((e) => e.primary);
    return { ...profile, email: primary?.email, email_verified: primary?.verified === true };
  },
};
