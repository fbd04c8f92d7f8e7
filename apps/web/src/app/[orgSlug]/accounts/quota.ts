import type { UpgradeRequired } from "@mg/api";
import { cheapestPlanWithQuota, type QuotaKey } from "@mg/api/plans";
import { useOrg } from "../org-context";

/**
 * A quota's usage from the organization's plan summary, and — when it is used up — the same
 * upgrade offer the API would answer with, so the page can say so before anyone hits the wall.
 */
export function useQuota(quota: QuotaKey): { used: number; limit: number | null; full: boolean; upgrade: UpgradeRequired | null } {
  const { current, org } = useOrg();
  const row = current.usage.find((r) => r.quota === quota);
  const used = row?.used ?? 0;
  const limit = row?.limit ?? null;
  const full = limit !== null && used >= limit;
  return {
    used,
    limit,
    full,
    upgrade: full ? { kind: "quota", key: quota, plan: org.plan, suggestedPlan: cheapestPlanWithQuota(quota, used + 1), limit, current: used } : null,
  };
}
