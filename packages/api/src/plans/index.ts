import type { AvailableFeatureKey, AvailableQuotaKey } from "../catalog/features";

/**
 * The single definition of plans. Quotas, feature gates, the app's upgrade prompts and the
 * marketing site's pricing page all read from here, so a price or a limit changes in one place.
 * What a plan *promises* comes from the feature catalog (catalog/features.ts): its highlights
 * name catalog features or its own limits, never free text.
 */
export const PLAN_IDS = ["FREE", "STARTER", "PROFESSIONAL", "ENTERPRISE"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const QUOTA_KEYS = ["users", "socialAccounts", "campaigns", "storageMb", "apiCallsPerHour", "clientOrganizations"] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

export const FEATURE_KEYS = ["agencyClients", "whiteLabel", "aiAssistant", "approvalWorkflows", "apiAccess", "auditLogExport", "sso"] as const;
export type FeatureKey = (typeof FEATURE_KEYS)[number];

/** `null` means unlimited. */
export type PlanLimits = Record<QuotaKey, number | null>;

/**
 * One line of a plan's marketing list: an available catalog feature, or one of the plan's limits
 * whose feature is available. The types refuse coming-soon features; `planBullets` (catalog)
 * resolves the text and refuses whatever the types cannot see (a flag the plan leaves off).
 */
export type PlanHighlight = { feature: AvailableFeatureKey } | { limit: AvailableQuotaKey };

export interface PlanDefinition {
  id: PlanId;
  name: string;
  tagline: string;
  /** Monthly price in US cents; null = talk to sales. */
  monthlyPriceCents: number | null;
  limits: PlanLimits;
  /**
   * Gates, checked by quotas/index.ts. A flag may be on for a feature that is still coming soon
   * (the plan will include it); the site labels those "Coming soon", never as included.
   */
  features: Record<FeatureKey, boolean>;
  highlights: readonly PlanHighlight[];
}

export const PLANS: Record<PlanId, PlanDefinition> = {
  FREE: {
    id: "FREE",
    name: "Free",
    tagline: "Publish and measure for one brand.",
    monthlyPriceCents: 0,
    limits: { users: 2, socialAccounts: 3, campaigns: 2, storageMb: 500, apiCallsPerHour: 500, clientOrganizations: 0 },
    features: { agencyClients: false, whiteLabel: false, aiAssistant: false, approvalWorkflows: true, apiAccess: false, auditLogExport: false, sso: false },
    highlights: [{ limit: "socialAccounts" }, { limit: "users" }, { feature: "local-time-calendar" }, { feature: "reliable-publishing" }],
  },
  STARTER: {
    id: "STARTER",
    name: "Starter",
    tagline: "For the small business that markets itself.",
    monthlyPriceCents: 2900,
    limits: { users: 5, socialAccounts: 10, campaigns: 20, storageMb: 5_000, apiCallsPerHour: 2_000, clientOrganizations: 0 },
    features: { agencyClients: false, whiteLabel: false, aiAssistant: true, approvalWorkflows: true, apiAccess: true, auditLogExport: false, sso: false },
    highlights: [{ limit: "socialAccounts" }, { limit: "users" }, { limit: "campaigns" }, { feature: "ai-hashtags" }],
  },
  PROFESSIONAL: {
    id: "PROFESSIONAL",
    name: "Professional",
    tagline: "For agencies running many clients.",
    monthlyPriceCents: 9900,
    limits: { users: 25, socialAccounts: 50, campaigns: null, storageMb: 50_000, apiCallsPerHour: 10_000, clientOrganizations: 25 },
    features: { agencyClients: true, whiteLabel: true, aiAssistant: true, approvalWorkflows: true, apiAccess: true, auditLogExport: true, sso: false },
    highlights: [{ limit: "clientOrganizations" }, { limit: "socialAccounts" }, { limit: "users" }, { feature: "inherited-roles" }],
  },
  ENTERPRISE: {
    id: "ENTERPRISE",
    name: "Enterprise",
    tagline: "No limits on seats, accounts or clients.",
    monthlyPriceCents: null,
    limits: { users: null, socialAccounts: null, campaigns: null, storageMb: null, apiCallsPerHour: 100_000, clientOrganizations: null },
    features: { agencyClients: true, whiteLabel: true, aiAssistant: true, approvalWorkflows: true, apiAccess: true, auditLogExport: true, sso: true },
    highlights: [{ limit: "clientOrganizations" }, { limit: "users" }, { limit: "socialAccounts" }, { limit: "storageMb" }],
  },
};

export const PLAN_LIST: PlanDefinition[] = PLAN_IDS.map((id) => PLANS[id]);

export const QUOTA_LABELS: Record<QuotaKey, string> = {
  users: "Team members",
  socialAccounts: "Social accounts",
  campaigns: "Campaigns",
  storageMb: "Storage (MB)",
  apiCallsPerHour: "API calls per hour",
  clientOrganizations: "Client organizations",
};

export const FEATURE_LABELS: Record<FeatureKey, string> = {
  agencyClients: "Agency client organizations",
  whiteLabel: "White-label branding",
  aiAssistant: "AI assistant",
  approvalWorkflows: "Approval workflows",
  apiAccess: "Public API",
  auditLogExport: "Audit log export",
  sso: "Single sign-on",
};

/** The cheapest plan that includes a feature — what the "upgrade required" message points to. */
export function cheapestPlanWithFeature(feature: FeatureKey): PlanId | null {
  return PLAN_LIST.find((p) => p.features[feature])?.id ?? null;
}

/** The cheapest plan whose limit for `quota` is at least `needed`. */
export function cheapestPlanWithQuota(quota: QuotaKey, needed: number): PlanId | null {
  return PLAN_LIST.find((p) => p.limits[quota] === null || (p.limits[quota] ?? 0) >= needed)?.id ?? null;
}

export function formatPrice(plan: PlanDefinition): string {
  if (plan.monthlyPriceCents === null) return "Custom";
  if (plan.monthlyPriceCents === 0) return "$0";
  return `$${(plan.monthlyPriceCents / 100).toFixed(0)}`;
}
