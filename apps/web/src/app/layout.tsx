import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "./providers";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Marketing Genius", template: "%s · Marketing Genius" },
  description: "Social publishing, leads, CRM and campaigns for small businesses and the agencies that serve them.",
  applicationName: "Marketing Genius",
  robots: { index: false, follow: false },
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#16141f" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The proxy's CSP nonce (docs/security-headers.md), for the theme script next-themes inlines.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the class on <html> before hydration.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh bg-background text-foreground antialiased">
        <Providers nonce={nonce}>{children}</Providers>
      </body>
    </html>
  );
}
