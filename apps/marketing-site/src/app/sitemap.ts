import type { MetadataRoute } from "next";

import { absoluteUrl, SITE_PAGES } from "~/lib/links";

/**
 * No `lastModified`: the build time would tell crawlers every page changed on every deploy.
 */
export default function sitemap(): MetadataRoute.Sitemap {
  return SITE_PAGES.map((page) => ({ url: absoluteUrl(page.path), changeFrequency: page.changeFrequency, priority: page.priority }));
}
