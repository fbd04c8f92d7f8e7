import type { MetadataRoute } from "next";

/**
 * The product app is private: nothing in it is for search engines (pages also say noindex in
 * the root layout's metadata). The public site has its own robots.txt and sitemap.
 */
export default function robots(): MetadataRoute.Robots {
  return { rules: { userAgent: "*", disallow: "/" } };
}
