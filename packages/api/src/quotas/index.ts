import { TRPCError } from "@trpc/server";
import { withOrg, type Organization, type TenantDb } from "@mg/db";
import { cheapestPlanWithFeature, cheapestPlanWithQuota, PLANS, type FeatureKey, type PlanId, type QuotaKey } from "../plans";

/**
 * The one place that answers "may this organization have one more X?" and "does its plan include
 * feature Y?" (seed 000's TenantResourceManager and FeatureGate). Refusals are UpgradeRequired
 * errors that the UI renders as an upgrade prompt.
 */
export interface UpgradeRequired {
  kind: "quota" | "feature";
  key: QuotaKey | FeatureKey;
  plan: PlanId;
  suggestedPlan: PlanId | null;
  limit?: number;
  current?: number;
}

export class UpgradeRequiredError extends Error {
  override name = "UpgradeRequiredError";
  constructor(readonly details: UpgradeRequired) {
    super(
      details.kind === "feature"
        ? `Your ${PLANS[details.plan].name} plan does not include this feature.`
        : `Your ${PLANS[details.plan].name} plan allows ${details.limit ?? 0} and you have ${details.current ?? 0}.`,
    );
  }
}

type OrgPlan = Pick<Organization, "plan" | "limitOverrides" | "featureFlags">;

function overrides(json: unknown): Record<string, unknown> {
  return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

export function effectiveLimit(org: OrgPlan, quota: QuotaKey): number | null {
  const override = overrides(org.limitOverrides)[quota];
  if (typeof override === "number" || override === null) return override;
  return PLANS[org.plan].limits[quota];
}

export function hasFeature(org: OrgPlan, feature: FeatureKey): boolean {
  const override = overrides(org.featureFlags)[feature];
  if (typeof override === "boolean") return override;
  return PLANS[org.plan].features[feature];
}

/** How much of each quota is in use. Quotas whose feature has no counter yet are absent. */
type UsageCounter = (db: TenantDb, org: Organization) => Promise<number>;
export const USAGE_COUNTERS: Partial<Record<QuotaKey, UsageCounter>> = {
  // Seats include pending invitations so that inviting cannot overshoot the plan.
  users: async (db) =>
    (await db.membership.count()) + (await db.invitation.count({ where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } } })),
  clientOrganizations: async (db, org) => db.organization.count({ where: { parentId: org.id, deletedAt: null } }),
  // Disconnected accounts free their seat; ones waiting for a reconnect still hold it.
  socialAccounts: async (db) => db.socialAccount.count({ where: { status: { not: "DISCONNECTED" } } }),
  campaigns: async (db) => db.campaign.count({ where: { archivedAt: null } }),
  storageMb: async (db) => {
    const { _sum } = await db.mediaAsset.aggregate({ where: { deletedAt: null }, _sum: { sizeBytes: true } });
    return Math.ceil((_sum.sizeBytes ?? 0) / (1024 * 1024));
  },
};

function upgradeError(details: UpgradeRequired): TRPCError {
  const cause = new UpgradeRequiredError(details);
  return new TRPCError({ code: "FORBIDDEN", message: cause.message, cause });
}

export function assertFeature(org: Organization, feature: FeatureKey): void {
  if (!hasFeature(org, feature)) {
    throw upgradeError({ kind: "feature", key: feature, plan: org.plan, suggestedPlan: cheapestPlanWithFeature(feature) });
  }
}

/**
 * Serializes "count, then create" for one quota of one organization until the transaction ends:
 * a second caller waits here and then counts what the first one committed, so two parallel
 * creates cannot both see the last free seat. A transaction-scoped advisory lock, so it is
 * released by commit or rollback and never outlives the request. Outside a transaction (a
 * per-operation procedure's `ctx.db`) it would be released at once: that is refused loudly.
 */
export async function lockQuota(db: TenantDb, org: Organization, quota: QuotaKey): Promise<void> {
  // withOrg sets the organization transaction-locally; a statement that does not see it runs
  // outside that transaction (autocommitted), where the lock ends with the statement.
  const rows = await db.$queryRaw<{ inTransaction: boolean }[]>`
    SELECT coalesce(current_setting('app.current_organization_id', true), '') = ${org.id} AS "inTransaction"
    FROM pg_advisory_xact_lock(hashtext(${org.id}), hashtext(${`quota:${quota}`}))`;
  if (!rows[0]?.inTransaction) {
    throw new Error(`The "${quota}" quota check must share one transaction with the create it guards; per-operation procedures use withQuota().`);
  }
}

async function refuseOverLimit(db: TenantDb, org: Organization, quota: QuotaKey, adding: number, limit: number): Promise<void> {
  const counter = USAGE_COUNTERS[quota];
  if (!counter) throw new Error(`No usage counter registered for quota "${quota}"`);
  const current = await counter(db, org);
  if (current + adding > limit) {
    throw upgradeError({ kind: "quota", key: quota, plan: org.plan, suggestedPlan: cheapestPlanWithQuota(quota, current + adding), limit, current });
  }
}

/**
 * "May this organization have `adding` more?", holding until the surrounding transaction ends
 * (see lockQuota), so the create that follows in the same transaction cannot overshoot.
 */
export async function assertQuota(db: TenantDb, org: Organization, quota: QuotaKey, adding = 1): Promise<void> {
  const limit = effectiveLimit(org, quota);
  if (limit === null) return;
  await lockQuota(db, org, quota);
  await refuseOverLimit(db, org, quota, adding, limit);
}

/**
 * An early answer without the lock, for a per-operation procedure that is about to do slow work
 * (an upload to storage) it would rather skip when the quota is already used up. Not a guarantee:
 * the create itself goes through withQuota().
 */
export async function precheckQuota(db: TenantDb, org: Organization, quota: QuotaKey, adding = 1): Promise<void> {
  const limit = effectiveLimit(org, quota);
  if (limit !== null) await refuseOverLimit(db, org, quota, adding, limit);
}

/** For per-operation procedures: the quota check and the create in one short transaction of their own. */
export function withQuota<T>(org: Organization, quota: QuotaKey, adding: number, create: (db: TenantDb) => Promise<T>, options: { userId?: string } = {}): Promise<T> {
  return withOrg(
    org.id,
    async (db) => {
      await assertQuota(db, org, quota, adding);
      return create(db);
    },
    { userId: options.userId },
  );
}

export async function usageSummary(db: TenantDb, org: Organization) {
  const rows = [];
  for (const [quota, counter] of Object.entries(USAGE_COUNTERS) as [QuotaKey, UsageCounter][]) {
    rows.push({ quota, limit: effectiveLimit(org, quota), used: await counter(db, org) });
  }
  return rows;
}
