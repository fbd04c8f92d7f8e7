import { z } from "zod";

/**
 * Public configuration, validated at build time (the site is statically generated, so values are
 * baked into the HTML). `process.env.NEXT_PUBLIC_*` must be read literally for Next to inline it.
 */
const envSchema = z.object({
  NEXT_PUBLIC_APP_URL: z
    .url({ protocol: /^https?$/, error: "NEXT_PUBLIC_APP_URL must be an http(s) URL, e.g. https://app.example.com" })
    .default("http://localhost:3000")
    .transform((url) => url.replace(/\/+$/, "")),
  /**
   * This site's own public URL: absolute links in sitemap.xml, robots.txt and canonical metadata.
   * The same variable tells the web app where to link back to the site.
   */
  NEXT_PUBLIC_MARKETING_URL: z
    .url({ protocol: /^https?$/, error: "NEXT_PUBLIC_MARKETING_URL must be an http(s) URL, e.g. https://www.example.com" })
    .default("http://localhost:3001")
    .transform((url) => url.replace(/\/+$/, "")),
});

const parsed = envSchema.safeParse({
  // Treat an empty string (e.g. `NEXT_PUBLIC_APP_URL=` in .env) as unset.
  NEXT_PUBLIC_APP_URL: process.env.NEXT_PUBLIC_APP_URL || undefined,
  NEXT_PUBLIC_MARKETING_URL: process.env.NEXT_PUBLIC_MARKETING_URL || undefined,
});

if (!parsed.success) {
  throw new Error(`Invalid marketing-site environment:\n${z.prettifyError(parsed.error)}`);
}

export const env = parsed.data;

/** `next dev` or a production build (the security headers differ); Next inlines it per build. */
export const nodeEnv = process.env.NODE_ENV;
