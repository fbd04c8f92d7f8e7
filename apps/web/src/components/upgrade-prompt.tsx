import { ArrowUpRightIcon, SparklesIcon } from "lucide-react";
import type { UpgradeRequired } from "@mg/api";
import { FEATURE_LABELS, PLANS, QUOTA_LABELS, type FeatureKey, type QuotaKey } from "@mg/api/plans";
import { Alert, AlertActions, AlertDescription, AlertTitle } from "@mg/ui/alert";
import { Button } from "@mg/ui/button";
import { env } from "~/env";

/** The answer to an `error.data.upgrade`: what hit the limit, and the plan that lifts it. */
export function UpgradePrompt({ upgrade, message }: { upgrade: UpgradeRequired; message?: string }) {
  const suggested = upgrade.suggestedPlan ? PLANS[upgrade.suggestedPlan] : null;
  const what = upgrade.kind === "feature" ? FEATURE_LABELS[upgrade.key as FeatureKey] : QUOTA_LABELS[upgrade.key as QuotaKey];
  return (
    <Alert variant="warning" data-testid="upgrade-prompt" icon={<SparklesIcon aria-hidden />}>
      <AlertTitle>{upgrade.kind === "feature" ? `${what} needs a higher plan` : `You’ve reached your plan’s limit for ${what.toLowerCase()}`}</AlertTitle>
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
