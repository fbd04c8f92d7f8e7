import { orgProcedure } from "../../trpc/init";
import { PLANS } from "../../plans";
import { hasFeature, usageSummary } from "../../quotas";
import { FEATURE_KEYS } from "../../plans";
import { ROLE_PERMISSIONS } from "../../rbac";

/** The organization in the URL, the caller's role and permissions, plan usage and onboarding. */
export const currentOrganization = orgProcedure("organization.read").query(async ({ ctx }) => {
  const [usage, onboarding] = await Promise.all([
    usageSummary(ctx.db, ctx.org),
    ctx.db.onboardingTask.findMany({ orderBy: { createdAt: "asc" }, select: { key: true, title: true, completedAt: true } }),
  ]);
  const parent = ctx.parent;
  const { limitOverrides: _limits, featureFlags: _flags, ...organization } = ctx.org;
  return {
    organization,
    parent,
    role: ctx.role,
    via: ctx.via,
    permissions: [...ROLE_PERMISSIONS[ctx.role]],
    plan: PLANS[ctx.org.plan],
    features: Object.fromEntries(FEATURE_KEYS.map((key) => [key, hasFeature(ctx.org, key)])),
    usage,
    onboarding,
  };
});
