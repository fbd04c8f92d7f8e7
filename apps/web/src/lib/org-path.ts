import { isOrgSlug } from "@mg/api/http";

/** The organization a path belongs to: `/brightwave/members` → `brightwave`; `/sign-in` → null. */
export function orgSlugFromPath(pathname: string): string | null {
  const first = pathname.split("/").filter(Boolean)[0];
  return isOrgSlug(first) ? first : null;
}
