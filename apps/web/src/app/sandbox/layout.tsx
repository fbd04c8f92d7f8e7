import type { ReactNode } from "react";
import { Badge } from "@mg/ui/badge";

/**
 * The Sandbox network's own pages (its consent screen and public post pages). They stand apart from
 * the app on purpose: a real network shows these on its own site.
 */
export default function SandboxLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <header className="border-b bg-background">
        <div className="mx-auto flex h-14 max-w-3xl items-center justify-between gap-3 px-4">
          <span className="inline-flex items-center gap-2 font-semibold tracking-tight">
            <SandboxMark />
            Sandbox
          </span>
          <Badge variant="outline">Test network</Badge>
        </div>
      </header>
      <main className="flex flex-1 justify-center px-4 pt-8 pb-16 sm:pt-14">
        <div className="w-full max-w-md">{children}</div>
      </main>
    </div>
  );
}

function SandboxMark() {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className="size-6 shrink-0">
      <rect width="24" height="24" rx="6" className="fill-foreground" />
      <path d="M6 16c2-4 4-6 6-6s4 2 6 6" fill="none" className="stroke-background" strokeWidth="2" strokeLinecap="round" />
      <circle cx="12" cy="7" r="1.6" className="fill-background" />
    </svg>
  );
}
