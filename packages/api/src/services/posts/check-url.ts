import type { SocialNetwork } from "@mg/db";

/**
 * Where a person can see an account's latest posts on its network, to check whether a post whose
 * outcome is unknown went out. Null when the network has no such public page we can name (the
 * Sandbox, a LinkedIn page without its numeric id).
 */
export function accountPageUrl(account: { network: SocialNetwork; handle: string | null; externalId: string; metadata: unknown }): string | null {
  const handle = account.handle?.replace(/^@/, "").trim() || null;
  const path = (value: string) => encodeURIComponent(value);
  switch (account.network) {
    case "X":
      return handle ? `https://x.com/${path(handle)}` : null;
    case "INSTAGRAM":
      return handle ? `https://www.instagram.com/${path(handle)}/` : null;
    case "TIKTOK":
      return handle ? `https://www.tiktok.com/@${path(handle)}` : null;
    case "FACEBOOK":
      // A page id opens the page as well as its vanity name does.
      return `https://www.facebook.com/${path(handle ?? account.externalId)}`;
    case "LINKEDIN": {
      const organization = /^urn:li:organization:(\d+)$/.exec(account.externalId)?.[1];
      if (organization) return `https://www.linkedin.com/company/${organization}/`;
      // A member account is the signed-in person's own profile.
      return account.externalId.startsWith("urn:li:person:") ? "https://www.linkedin.com/in/me/recent-activity/all/" : null;
    }
    case "SANDBOX":
      return null;
  }
}
