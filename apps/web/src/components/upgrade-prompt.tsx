import { ArrowUpRightIcon, SparklesIcon } from "lucide-react";
import type { UpgradeRequired } from "@mg/api";
import { isPlanFeatureAvailable } from "@mg/api/catalog";
import { FEATURE_LABELS, PLANS, QUOTA_LABELS, type FeatureKey, type QuotaKey } from "@mg/api/plans";
import { Alert, AlertActions, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { env } from "~/env";

/** The answer to an `error.data.upgrade`: what hit the limit, and the plan that lifts it. */
export function UpgradePrompt({ upgrade, message }: { upgrade: UpgradeRequired; message?: string }) {
  const what = upgrade.kind === "feature" ? FEATURE_LABELS[upgrade.key as FeatureKey] : QUOTA_LABELS[upgrade.key as QuotaKey];
  // A gate whose features are all still coming soon (catalog) is not something a plan sells yet.
  const comingSoon = upgrade.kind === "feature" && !isPlanFeatureAvailable(upgrade.key as FeatureKey);
  const suggested = upgrade.suggestedPlan && !comingSoon ? PLANS[upgrade.suggestedPlan] : null;
  return (
    <Alert variant="warning" data-testid="upgrade-prompt" icon={<SparklesIcon aria-hidden />}>
      <AlertTitle>
        {comingSoon ? `${what} is coming soon` : upgrade.kind === "feature" ? `${what} needs a higher plan` : `You’ve reached your plan’s limit for ${what.toLowerCase()}`}
      </AlertTitle>
      <AlertDescription>
        <p>
          {message ?? ""}
          {suggested ? ` ${suggested.name} includes ${upgrade.kind === "feature" ? "it" : `${suggested.limits[upgrade.key as QuotaKey] ?? "unlimited"}`}.` : ""}
        </p>
      </AlertDescription>
      {suggested ? (
        <AlertActions>
          <Button size="sm" asChild>
            <a href={`${env.NEXT_PUBLIC_MARKETING_URL}/pricing`} target="_blank" rel="noreferrer">
              See {suggested.name} <ArrowUpRightIcon aria-hidden />
            </a>
          </Button>
        </AlertActions>
      ) : null}
    </Alert>
  );
}
