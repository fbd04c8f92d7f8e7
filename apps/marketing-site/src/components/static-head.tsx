import Head from "next/head";

import { SITE } from "~/content/copy";
import { siteUrl } from "~/lib/links";

/**
 * The head of the site's own static pages (home, pricing), which are Pages Router pages shipped
 * without Next.js's client runtime (docs/lead-capture.md, "The product's own pages"): what the App
 * Router's metadata would have said — title, description, canonical URL, icons, color schemes.
 */
export function StaticHead({ title, description, path }: { title: string; description: string; path: string }) {
  return (
    <Head>
      <title>{title}</title>
      <meta name="description" content={description} />
      <meta name="application-name" content={SITE.name} />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <link rel="canonical" href={new URL(path, siteUrl).toString()} />
      <link rel="icon" href="/favicon.ico" sizes="any" />
      <link rel="icon" href="/icon.svg" type="image/svg+xml" />
    </Head>
  );
}
