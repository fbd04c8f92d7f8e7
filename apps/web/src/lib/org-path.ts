/**
 * First path segments that are app pages, not organizations. Everything else at `/<segment>` is
 * an organization slug (the API's RESERVED_SLUGS keep organizations from taking these).
 */
const NON_ORG_SEGMENTS = new Set(["sign-in", "sign-up", "onboarding", "invite", "dev", "api", "_next", "favicon.ico", "icon.svg"]);

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isOrgSlug(segment: string | undefined | null): segment is string {
  return typeof segment === "string" && !NON_ORG_SEGMENTS.has(segment) && SLUG_PATTERN.test(segment);
}

/** The organization a path belongs to: `/brightwave/members` → `brightwave`; `/sign-in` → null. */
export function orgSlugFromPath(pathname: string): string | null {
  const first = pathname.split("/").filter(Boolean)[0];
  return isOrgSlug(first) ? first : null;
}
