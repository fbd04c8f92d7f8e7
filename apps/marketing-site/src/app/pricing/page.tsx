import type { Metadata } from "next";
import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";

import { ComparisonTable, PlanCards } from "~/components/pricing";
import { SiteShell } from "~/components/site-shell";

export const metadata: Metadata = {
  title: "Pricing",
  description:
    "Simple monthly plans for small businesses and agencies: start free, add team members, social accounts and client organizations as you grow.",
};

export default function PricingPage() {
  return (
    <SiteShell current="pricing">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 md:py-20">
        <header className="mx-auto max-w-2xl text-center">
          <p className="text-sm font-semibold text-primary">Pricing</p>
          <h1 className="mt-2 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
            Simple plans that grow with you
          </h1>
          <p className="mt-4 text-lg text-pretty text-muted-foreground">
            Start free on one brand. Upgrade for more seats and social accounts, or to run your agency&apos;s
            clients under your own brand.
          </p>
        </header>

        <section aria-label="Plans" className="mt-14">
          <PlanCards />
          <p className="mt-6 text-center text-sm text-muted-foreground">Prices in US dollars, billed monthly.</p>
        </section>

        <section aria-labelledby="compare-title" className="mt-20">
          <h2 id="compare-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            Compare plans
          </h2>
          <p className="mt-2 text-muted-foreground">Every limit and feature, side by side.</p>
          <p className="mt-1 text-sm text-muted-foreground sm:hidden">Scroll the table sideways to see every plan.</p>
          <div className="mt-8">
            <ComparisonTable labelledBy="compare-title" />
          </div>
        </section>

        <Alert variant="info" className="mx-auto mt-12 max-w-2xl">
          <AlertTitle>Outgrowing a plan?</AlertTitle>
          <AlertDescription>
            When you reach a limit, Marketing Genius tells you which plan lifts it — your data stays exactly where it
            is.
          </AlertDescription>
        </Alert>
      </div>
    </SiteShell>
  );
}
