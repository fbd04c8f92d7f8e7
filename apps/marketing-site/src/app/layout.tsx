import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";

import "./globals.css";

export const metadata: Metadata = {
  title: {
    default: "Marketing Genius — All your marketing, one place",
    template: "%s · Marketing Genius",
  },
  description:
    "Social publishing on the right local time, landing pages and lead forms, CRM, email and SMS campaigns, B2B trade matching and AI help — for small businesses and the agencies that serve them.",
  applicationName: "Marketing Genius",
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
