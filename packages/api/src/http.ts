/**
 * The HTTP contract between the app's browser code and the API, safe to import in the browser:
 * the organization travels as a header taken from the URL, never in procedure input.
 */
import { RESERVED_SLUGS, slugSchema } from "./schemas/organization";

export const ORG_SLUG_HEADER = "x-org-slug";

/** Whether a first path segment names an organization (`/brightwave/…`) rather than an app page. */
export function isOrgSlug(segment: string | null | undefined): segment is string {
  return typeof segment === "string" && !RESERVED_SLUGS.has(segment) && slugSchema.safeParse(segment).data === segment;
}
