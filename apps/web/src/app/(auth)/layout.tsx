import type { ReactNode } from "react";
import Link from "next/link";
import { Logo } from "~/components/logo";
import { env } from "~/env";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="relative flex min-h-dvh flex-col">
      <div aria-hidden className="pointer-events-none absolute inset-x-0 top-0 -z-10 h-80 bg-gradient-to-b from-primary/10 to-transparent" />
      <header className="flex items-center justify-between px-6 py-5">
        <Link href="/" className="rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring">
          <Logo />
        </Link>
        <a href={env.NEXT_PUBLIC_MARKETING_URL} className="text-sm text-muted-foreground hover:text-foreground">
          About the product
        </a>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-6 pb-16 sm:pt-12">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}
