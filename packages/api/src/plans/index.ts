/**
 * The single definition of plans. Quotas, feature gates, the app's billing screens and the
 * marketing site's pricing page all read from here, so a price or a limit changes in one place.
 */
export const PLAN_IDS = ["FREE", "STARTER", "PROFESSIONAL", "ENTERPRISE"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export const QUOTA_KEYS = ["users", "socialAccounts", "campaigns", "storageMb", "apiCallsPerHour", "clientOrganizations"] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

export const FEATURE_KEYS = ["agencyClients", "whiteLabel", "aiAssistant", "approvalWorkflows", "apiAccess", "auditLogExport", "sso"] as const;
export type FeatureKey = (typeof FEATURE_KEYS)[number];

/** `null` means unlimited. */
export type PlanLimits = Record<QuotaKey, number | null>;

export interface PlanDefinition {
  id: PlanId;
  name: string;
  tagline: string;
  /** Monthly price in US cents; null = talk to sales. */
  monthlyPriceCents: number | null;
  limits: PlanLimits;
  features: Record<FeatureKey, boolean>;
  highlights: string[];
}

export const PLANS: Record<PlanId, PlanDefinition> = {
  FREE: {
    id: "FREE",
    name: "Free",
    tagline: "Try everything on one brand.",
    monthlyPriceCents: 0,
    limits: { users: 2, socialAccounts: 3, campaigns: 2, storageMb: 500, apiCallsPerHour: 500, clientOrganizations: 0 },
    features: { agencyClients: false, whiteLabel: false, aiAssistant: false, approvalWorkflows: true, apiAccess: false, auditLogExport: false, sso: false },
    highlights: ["3 social accounts", "2 team members", "Approval workflows included", "Landing pages & lead forms"],
  },
  STARTER: {
    id: "STARTER",
    name: "Starter",
    tagline: "For the small business that markets itself.",
    monthlyPriceCents: 2900,
    limits: { users: 5, socialAccounts: 10, campaigns: 20, storageMb: 5_000, apiCallsPerHour: 2_000, clientOrganizations: 0 },
    features: { agencyClients: false, whiteLabel: false, aiAssistant: true, approvalWorkflows: true, apiAccess: true, auditLogExport: false, sso: false },
    highlights: ["10 social accounts", "5 team members", "AI writing help", "CRM & email campaigns"],
  },
  PROFESSIONAL: {
    id: "PROFESSIONAL",
    name: "Professional",
    tagline: "For agencies running many clients.",
    monthlyPriceCents: 9900,
    limits: { users: 25, socialAccounts: 50, campaigns: null, storageMb: 50_000, apiCallsPerHour: 10_000, clientOrganizations: 25 },
    features: { agencyClients: true, whiteLabel: true, aiAssistant: true, approvalWorkflows: true, apiAccess: true, auditLogExport: true, sso: false },
    highlights: ["25 client organizations", "White-label branding", "50 social accounts", "Audit log export"],
  },
  ENTERPRISE: {
    id: "ENTERPRISE",
    name: "Enterprise",
    tagline: "Data residency, SSO and unlimited scale.",
    monthlyPriceCents: null,
    limits: { users: null, socialAccounts: null, campaigns: null, storageMb: null, apiCallsPerHour: 100_000, clientOrganizations: null },
    features: { agencyClients: true, whiteLabel: true, aiAssistant: true, approvalWorkflows: true, apiAccess: true, auditLogExport: true, sso: true },
    highlights: ["Unlimited clients and seats", "SSO", "Data residency (EU / US / APAC)", "Dedicated support"],
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
