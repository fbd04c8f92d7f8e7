import { PLANS, type PlanId } from "@mg/api/plans";
import { Badge } from "@mg/ui/badge";
import { daysUntil } from "~/lib/format";

export function PlanBadge({ plan, status, trialEndsAt }: { plan: PlanId; status: string; trialEndsAt?: Date | null }) {
  const name = PLANS[plan].name;
  if (status === "TRIAL") {
    const days = trialEndsAt ? daysUntil(trialEndsAt) : null;
    return (
      <Badge variant="warning" data-testid="plan-badge">
        {name} trial{days !== null ? (days > 0 ? ` · ${days} day${days === 1 ? "" : "s"} left` : " · ended") : ""}
      </Badge>
    );
  }
  if (status === "SUSPENDED" || status === "ARCHIVED") {
    return (
      <Badge variant="destructive" data-testid="plan-badge">
        {name} · {status.toLowerCase()}
      </Badge>
    );
  }
  return (
    <Badge variant="secondary" data-testid="plan-badge">
      {name}
    </Badge>
  );
}
