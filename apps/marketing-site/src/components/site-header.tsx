import Link from "next/link";
import { Button } from "@mg/ui/button";

import { appLinks } from "~/lib/links";
import { Logo } from "./logo";

export type SitePage = "home" | "pricing" | null;

const navLink =
  "rounded-md px-2 py-2 text-sm whitespace-nowrap sm:px-3 font-medium text-muted-foreground transition-colors hover:text-foreground aria-[current=page]:text-foreground";

export function SiteHeader({ current }: { current: SitePage }) {
  return (
    <header className="sticky top-0 z-40 border-b bg-background/85 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="rounded-md">
          <Logo compact />
          <span className="sr-only"> home</span>
        </Link>
        <nav aria-label="Main">
          <ul className="flex items-center gap-1 sm:gap-2">
            <li className="hidden sm:block">
              <Link href="/" className={navLink} aria-current={current === "home" ? "page" : undefined}>
                Home
              </Link>
            </li>
            <li>
              <Link href="/pricing" className={navLink} aria-current={current === "pricing" ? "page" : undefined}>
                Pricing
              </Link>
            </li>
            <li>
              <a href={appLinks.signIn} className={navLink}>
                Sign in
              </a>
            </li>
            <li>
              <Button asChild size="sm" className="ml-1 whitespace-nowrap">
                <a href={appLinks.signUp}>Start free</a>
              </Button>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
