import {
  AVAILABLE_FEATURES,
  catalogFeature,
  COMING_SOON_FEATURES,
  FEATURE_AREA_ORDER,
  FEATURE_AREAS,
  isAvailable,
  isQuotaAvailable,
  planBullets,
  planComingSoon,
  type AvailableFeatureKey,
  type CatalogFeature,
  type FeatureArea,
  type PlanBullet,
} from "@mg/api/catalog";
import { cheapestPlanWithFeature, PLAN_LIST, PLANS, QUOTA_KEYS, QUOTA_LABELS, type PlanDefinition, type QuotaKey } from "@mg/api/plans";

/**
 * What the home and pricing pages list, computed from the feature catalog and the plans only.
 * The pages render these and nothing else as features, so the site says a feature exists exactly
 * when the catalog does (test/catalog-view.test.ts).
 */

/** The features the home page shows as cards. The type admits only available ones. */
export const HOME_HIGHLIGHTS: readonly AvailableFeatureKey[] = [
  "social-networks",
  "local-time-calendar",
  "reliable-publishing",
  "composer-variants",
  "posting-slots",
  "csv-import",
  "analytics",
  "campaigns",
];

export interface AreaGroup {
  area: FeatureArea;
  label: string;
  features: CatalogFeature[];
}

/** Features grouped by area, in the catalog's area order and, within an area, catalog order. */
export function groupByArea(features: readonly CatalogFeature[]): AreaGroup[] {
  return FEATURE_AREA_ORDER.map((area) => ({ area, label: FEATURE_AREAS[area], features: features.filter((f) => f.area === area) })).filter(
    (group) => group.features.length > 0,
  );
}

function requireAvailable(feature: CatalogFeature): CatalogFeature {
  if (!isAvailable(feature)) throw new Error(`"${feature.name}" is coming soon and cannot be shown as a feature`);
  return feature;
}

/** "From Starter" for a feature only some plans have; null when every plan has it. */
export function planNote(feature: CatalogFeature): string | null {
  if (!feature.planFeature) return null;
  const plan = cheapestPlanWithFeature(feature.planFeature);
  if (!plan || plan === PLAN_LIST[0]?.id) return null;
  return `From ${PLANS[plan].name}`;
}

export interface HomeFeatures {
  /** The promise: available features only. */
  highlights: CatalogFeature[];
  /** Every other available feature outside the agency section. */
  included: AreaGroup[];
  agencies: { available: CatalogFeature[]; comingSoon: CatalogFeature[] };
  /** Every coming-soon feature, grouped, for the section that labels them. */
  comingSoon: AreaGroup[];
}

export function homeFeatures(): HomeFeatures {
  const highlights = HOME_HIGHLIGHTS.map((key) => requireAvailable(catalogFeature(key)));
  const shown = new Set<string>(HOME_HIGHLIGHTS);
  return {
    highlights,
    included: groupByArea(AVAILABLE_FEATURES.filter((f) => !shown.has(f.key) && f.area !== "agencies")),
    agencies: {
      available: AVAILABLE_FEATURES.filter((f) => f.area === "agencies"),
      comingSoon: COMING_SOON_FEATURES.filter((f) => f.area === "agencies"),
    },
    comingSoon: groupByArea(COMING_SOON_FEATURES),
  };
}

export interface PlanCardView {
  plan: PlanDefinition;
  bullets: PlanBullet[];
  /** Coming-soon features this plan is the first to include, labelled as such on its card. */
  comingSoon: CatalogFeature[];
}

export function planCards(): PlanCardView[] {
  return PLAN_LIST.map((plan) => ({ plan, bullets: planBullets(plan), comingSoon: planComingSoon(plan) }));
}

/** Available features that every plan has: the pricing page's "In every plan". */
export function everyPlanFeatures(): AreaGroup[] {
  return groupByArea(AVAILABLE_FEATURES.filter((f) => !f.planFeature || PLAN_LIST.every((plan) => f.planFeature && plan.features[f.planFeature])));
}

export interface LimitRow {
  quota: QuotaKey;
  label: string;
  /** The limit of a feature that does not exist yet (API calls before the public API). */
  comingSoon: boolean;
  values: (number | null)[];
}

export interface FeatureRow {
  feature: CatalogFeature;
  included: boolean[];
}

export interface ComparisonView {
  limits: LimitRow[];
  /** Available features that only some plans have. */
  features: FeatureRow[];
  /** Coming-soon features a plan will include: shown as planned, never as included. */
  comingSoon: FeatureRow[];
}

export function comparison(): ComparisonView {
  const row = (feature: CatalogFeature): FeatureRow => ({
    feature,
    included: PLAN_LIST.map((plan) => (feature.planFeature ? plan.features[feature.planFeature] : true)),
  });
  const gated = [...AVAILABLE_FEATURES, ...COMING_SOON_FEATURES].filter((f) => f.planFeature);
  return {
    limits: QUOTA_KEYS.map((quota) => ({ quota, label: QUOTA_LABELS[quota], comingSoon: !isQuotaAvailable(quota), values: PLAN_LIST.map((plan) => plan.limits[quota]) })),
    features: gated.filter(isAvailable).map(row),
    comingSoon: gated.filter((f) => !isAvailable(f)).map(row),
  };
}

/** The catalog entry for paying online, while it is coming soon (the pricing page labels it). */
export function paymentComingSoon(): CatalogFeature | null {
  const billing = catalogFeature("billing");
  return isAvailable(billing) ? null : billing;
}
