import type { PageConfig } from "next";
import { PricingPage } from "~/components/pricing-page";
import { StaticHead } from "~/components/static-head";
import { PRICING, SITE } from "~/content/copy";

/** Static content: no client runtime (docs/lead-capture.md, "The product's own pages"). */
export const config: PageConfig = { unstable_runtimeJS: false };

export default function Pricing() {
  return (
    <>
      <StaticHead title={`Pricing · ${SITE.name}`} description={PRICING.description} path="/pricing" />
      <PricingPage />
    </>
  );
}
