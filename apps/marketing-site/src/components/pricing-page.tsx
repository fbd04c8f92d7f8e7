import { Alert, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { CheckIcon } from "lucide-react";

import { ComparisonTable, PlanCards, PriceNote } from "~/components/pricing";
import { SiteShell } from "~/components/site-shell";
import { PRICING } from "~/content/copy";
import { everyPlanFeatures } from "~/lib/catalog-view";

export function PricingPage() {
  const everyPlan = everyPlanFeatures();
  return (
    <SiteShell current="pricing">
      <div className="mx-auto max-w-6xl px-4 py-16 sm:px-6 md:py-20">
        <header className="mx-auto max-w-2xl text-center">
          <p className="text-sm font-semibold text-primary">{PRICING.eyebrow}</p>
          <h1 className="mt-2 text-4xl font-semibold tracking-tight text-balance sm:text-5xl">{PRICING.title}</h1>
          <p className="mt-4 text-lg text-pretty text-muted-foreground">{PRICING.body}</p>
        </header>

        <section aria-label="Plans" className="mt-14">
          <PlanCards />
          <PriceNote />
        </section>

        <section aria-labelledby="every-plan-title" className="mt-20" data-testid="every-plan">
          <h2 id="every-plan-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            {PRICING.everyPlan.title}
          </h2>
          <p className="mt-2 text-muted-foreground">{PRICING.everyPlan.body}</p>
          <div className="mt-8 grid gap-8 sm:grid-cols-2 lg:grid-cols-3">
            {everyPlan.map((group) => (
              <div key={group.area}>
                <h3 className="text-sm font-semibold">{group.label}</h3>
                <ul className="mt-3 flex flex-col gap-2 text-sm">
                  {group.features.map((feature) => (
                    <li key={feature.key} className="flex items-start gap-2" data-feature={feature.key} data-feature-status="available">
                      <CheckIcon aria-hidden className="mt-0.5 size-4 shrink-0 text-primary" />
                      <span>{feature.name}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </section>

        <section aria-labelledby="compare-title" className="mt-20">
          <h2 id="compare-title" className="text-2xl font-semibold tracking-tight sm:text-3xl">
            {PRICING.compare.title}
          </h2>
          <p className="mt-2 text-muted-foreground">{PRICING.compare.body}</p>
          <p className="mt-1 text-sm text-muted-foreground sm:hidden">{PRICING.compare.scrollHint}</p>
          <div className="mt-8">
            <ComparisonTable labelledBy="compare-title" />
          </div>
        </section>

        <Alert variant="info" className="mx-auto mt-12 max-w-2xl">
          <AlertTitle>{PRICING.outgrowing.title}</AlertTitle>
          <AlertDescription>{PRICING.outgrowing.body}</AlertDescription>
        </Alert>
      </div>
    </SiteShell>
  );
}
