"use client";

import { useEffect } from "react";
import { TriangleAlertIcon } from "lucide-react";
import { Button } from "@mg/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center gap-5 px-4 text-center" role="alert">
      <div className="flex size-14 items-center justify-center rounded-full bg-destructive/10 text-destructive">
        <TriangleAlertIcon className="size-7" aria-hidden />
      </div>
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
        <p className="max-w-md text-muted-foreground">
          We couldn’t load this page. Try again — if it keeps happening, contact support{error.digest ? ` and mention code ${error.digest}` : ""}.
        </p>
      </div>
      <Button onClick={reset}>Try again</Button>
    </main>
  );
}
