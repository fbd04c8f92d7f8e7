import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@mg/ui/button";
import { EmptyState } from "@mg/ui/empty-state";
import { CompassIcon } from "lucide-react";

import { SiteShell } from "~/components/site-shell";

export const metadata: Metadata = {
  title: "Page not found",
  description: "The page you were looking for does not exist.",
};

export default function NotFound() {
  return (
    <SiteShell current={null}>
      <div className="mx-auto max-w-2xl px-4 py-24 sm:px-6">
        <EmptyState
          titleAs="h1"
          icon={<CompassIcon />}
          title="We couldn't find that page"
          description="The link may be broken or the page may have moved."
          action={
            <>
              <Button asChild>
                <Link href="/">Go to the home page</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href="/pricing">See pricing</Link>
              </Button>
            </>
          }
        />
      </div>
    </SiteShell>
  );
}
