import type { ReactNode } from "react";

import { SiteFooter } from "./site-footer";
import { SiteHeader, type SitePage } from "./site-header";

/**
 * Chrome for the product's own pages (skip link, header, main landmark, footer). Kept out of the
 * root layout so future tenant landing pages (src/app/p/[orgSlug]/[pageSlug]) can render with
 * their own branding and no Marketing Genius header.
 */
export function SiteShell({ current, children }: { current: SitePage; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
      >
        Skip to content
      </a>
      <SiteHeader current={current} />
      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
