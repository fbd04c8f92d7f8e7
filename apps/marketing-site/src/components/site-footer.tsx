import Link from "next/link";

import { SITE } from "~/content/copy";
import { appLinks } from "~/lib/links";
import { Logo } from "./logo";

const linkClass = "rounded-sm text-sm text-muted-foreground transition-colors hover:text-foreground";

export function SiteFooter() {
  return (
    <footer className="border-t bg-muted/40">
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-12 sm:px-6 md:grid-cols-[1.5fr_1fr_1fr]">
        <div className="flex flex-col gap-3">
          <Logo />
          <p className="max-w-xs text-sm text-muted-foreground">{SITE.footerBlurb}</p>
        </div>
        <nav aria-labelledby="footer-product">
          <h2 id="footer-product" className="mb-3 text-sm font-semibold">
            Product
          </h2>
          <ul className="flex flex-col gap-2">
            <li>
              <Link href="/#features" className={linkClass}>
                Features
              </Link>
            </li>
            <li>
              <Link href="/#agencies" className={linkClass}>
                For agencies
              </Link>
            </li>
            <li>
              <Link href="/#coming-soon" className={linkClass}>
                Coming soon
              </Link>
            </li>
            <li>
              <Link href="/pricing" className={linkClass}>
                Pricing
              </Link>
            </li>
          </ul>
        </nav>
        <nav aria-labelledby="footer-account">
          <h2 id="footer-account" className="mb-3 text-sm font-semibold">
            Account
          </h2>
          <ul className="flex flex-col gap-2">
            <li>
              <a href={appLinks.signIn} className={linkClass}>
                Sign in
              </a>
            </li>
            <li>
              <a href={appLinks.signUp} className={linkClass}>
                Start free
              </a>
            </li>
          </ul>
        </nav>
      </div>
      <div className="border-t">
        <p className="mx-auto max-w-6xl px-4 py-6 text-xs text-muted-foreground sm:px-6">
          © {new Date().getFullYear()} Marketing Genius. All rights reserved.
        </p>
      </div>
    </footer>
  );
}
