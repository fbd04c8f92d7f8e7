import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";

import { SITE } from "~/content/copy";
import { siteUrl } from "~/lib/links";

import "./globals.css";

export const metadata: Metadata = {
  // Canonical and other relative metadata URLs resolve against the site's public URL.
  metadataBase: new URL(siteUrl),
  title: {
    default: SITE.title,
    template: `%s · ${SITE.name}`,
  },
  description: SITE.description,
  applicationName: SITE.name,
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request so Next.js can put the proxy's CSP nonce on its scripts; a prerendered
  // page would carry none and be blocked (docs/security-headers.md).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
