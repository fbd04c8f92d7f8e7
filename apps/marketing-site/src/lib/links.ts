import { env } from "~/env";

/**
 * Absolute links into the product app (a separate origin from this site). Sign-up carries no plan:
 * the app does not read one; plans are chosen in the app later.
 */
export const appLinks = {
  signIn: `${env.NEXT_PUBLIC_APP_URL}/sign-in`,
  signUp: `${env.NEXT_PUBLIC_APP_URL}/sign-up`,
};

/** This site's origin, for the places that need absolute URLs (sitemap, robots, metadata). */
export const siteUrl = env.NEXT_PUBLIC_MARKETING_URL;

/** An absolute URL on this site: `absoluteUrl("/pricing")`. */
export function absoluteUrl(path: string): string {
  return `${siteUrl}${path === "/" ? "/" : path}`;
}

/** The site's public pages: the sitemap lists exactly these. Add a page here when you add one. */
export const SITE_PAGES = [
  { path: "/", changeFrequency: "weekly", priority: 1 },
  { path: "/pricing", changeFrequency: "monthly", priority: 0.8 },
] as const;
