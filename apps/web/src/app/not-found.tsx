import Link from "next/link";
import { CompassIcon } from "lucide-react";
import { Button } from "@mg/ui/button";
import { Logo } from "~/components/logo";

export default function NotFound() {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="px-6 py-5">
        <Link href="/">
          <Logo />
        </Link>
      </header>
      <main className="flex flex-1 flex-col items-center justify-center gap-6 px-4 pb-24 text-center" data-testid="not-found">
        <div className="flex size-14 items-center justify-center rounded-full bg-muted text-muted-foreground">
          <CompassIcon className="size-7" aria-hidden />
        </div>
        <div className="space-y-2">
          <p className="text-sm font-medium text-primary">404</p>
          <h1 className="text-3xl font-semibold tracking-tight">Page not found</h1>
          <p className="max-w-md text-muted-foreground">This page doesn’t exist, or you don’t have access to it. Check the address, or go back to your workspace.</p>
        </div>
        <Button asChild>
          <Link href="/">Go to my workspace</Link>
        </Button>
      </main>
    </div>
  );
}
