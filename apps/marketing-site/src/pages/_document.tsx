import { Head, Html, Main, NextScript } from "next/document";

export default function SiteDocument() {
  return (
    <Html lang="en">
      <Head />
      <body className="min-h-dvh">
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
