import type { MetadataRoute } from "next";

import { absoluteUrl } from "~/lib/links";

/** Crawlers may read the whole public site; the product app has its own robots.txt that refuses them. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: "*", allow: "/" },
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
