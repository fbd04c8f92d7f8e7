import { PLAN_LIST, type PlanDefinition, type PlanHighlight, type QuotaKey } from "../plans";
import { catalogFeature, FEATURE_CATALOG, isAvailable, isQuotaAvailable, QUOTA_FEATURE, type CatalogFeature } from "./features";

/** One line of a plan's marketing list, always traceable to a catalog feature. */
export interface PlanBullet {
  /** `feature:<key>` or `limit:<quota>`: unique within a plan, stable for tests. */
  id: string;
  text: string;
  kind: "feature" | "limit";
  feature: CatalogFeature;
}

const LIMIT_NOUNS: Record<QuotaKey, { one: string; many: string }> = {
  users: { one: "team member", many: "team members" },
  socialAccounts: { one: "social account", many: "social accounts" },
  campaigns: { one: "campaign", many: "campaigns" },
  storageMb: { one: "media storage", many: "media storage" },
  apiCallsPerHour: { one: "API call per hour", many: "API calls per hour" },
  clientOrganizations: { one: "client organization", many: "client organizations" },
};

const numberFormat = new Intl.NumberFormat("en-US");

function storage(mb: number): string {
  return mb >= 1000 && mb % 1000 === 0 ? `${numberFormat.format(mb / 1000)} GB` : `${numberFormat.format(mb)} MB`;
}

/** "3 social accounts", "5 GB media storage", "Unlimited team members". */
export function formatLimit(quota: QuotaKey, value: number | null): string {
  const noun = LIMIT_NOUNS[quota];
  if (value === null) return `Unlimited ${noun.many}`;
  if (quota === "storageMb") return `${storage(value)} ${noun.one}`;
  return `${numberFormat.format(value)} ${value === 1 ? noun.one : noun.many}`;
}

export class PlanClaimError extends Error {
  override name = "PlanClaimError";
}

/**
 * A plan's marketing list, resolved from the catalog and the plan's own limits. Refuses (throws,
 * so a build or a test fails) anything the product does not do for that plan: a coming-soon
 * feature, a feature the plan's flags leave out, a limit of nothing or of a coming-soon feature.
 * The types already refuse most of these; this also catches casts and flag changes.
 */
export function planBullets(plan: PlanDefinition): PlanBullet[] {
  return plan.highlights.map((highlight: PlanHighlight) => {
    if ("feature" in highlight) {
      const feature = catalogFeature(highlight.feature);
      if (!isAvailable(feature)) throw new PlanClaimError(`The ${plan.name} plan lists "${feature.name}", which is coming soon.`);
      if (feature.planFeature && !plan.features[feature.planFeature]) {
        throw new PlanClaimError(`The ${plan.name} plan lists "${feature.name}", but its ${feature.planFeature} flag is off.`);
      }
      return { id: `feature:${feature.key}`, text: feature.name, kind: "feature", feature };
    }
    const feature = catalogFeature(QUOTA_FEATURE[highlight.limit]);
    if (!isQuotaAvailable(highlight.limit)) throw new PlanClaimError(`The ${plan.name} plan lists its ${highlight.limit} limit, but "${feature.name}" is coming soon.`);
    const value = plan.limits[highlight.limit];
    if (value === 0) throw new PlanClaimError(`The ${plan.name} plan lists its ${highlight.limit} limit, which is 0.`);
    return { id: `limit:${highlight.limit}`, text: formatLimit(highlight.limit, value), kind: "limit", feature };
  });
}

/**
 * Coming-soon features this plan will include that the plan below it will not — what its card
 * may mention, labelled "Coming soon", without repeating the lower plans' items on every card.
 */
export function planComingSoon(plan: PlanDefinition): CatalogFeature[] {
  const index = PLAN_LIST.findIndex((p) => p.id === plan.id);
  const below = index > 0 ? PLAN_LIST[index - 1] : undefined;
  return FEATURE_CATALOG.filter(
    (feature: CatalogFeature) =>
      !isAvailable(feature) && feature.planFeature !== undefined && plan.features[feature.planFeature] && !(below?.features[feature.planFeature] ?? false),
  );
}
