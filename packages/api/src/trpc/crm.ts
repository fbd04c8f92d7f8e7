import type { Permission } from "../rbac";
import { ROLE_RANK } from "../rbac";
import { visibleDb, type RecordVisibility } from "../services/crm/record-visibility";
import { orgProcedure } from "./init";

/** Roles that always see every record, whatever the "own records only" setting says. */
const SEES_EVERYTHING_FROM = ROLE_RANK.ADMIN;

/**
 * Every CRM procedure: orgProcedure (membership, permission, RLS transaction, audit) plus record
 * ownership — when the organization keeps members to their own records, `ctx.db` only reaches
 * the contacts, companies and deals the caller owns (services/crm/record-visibility.ts), and
 * `ctx.visibility` says so to raw SQL.
 */
export function crmProcedure(permission: Permission, options: { transaction?: "single" | "per-operation"; timeoutMs?: number } = {}) {
  return orgProcedure(permission, options).use(async ({ ctx, next }) => {
    const settings = await ctx.db.crmSettings.findUnique({ where: { organizationId: ctx.org.id }, select: { ownRecordsOnly: true } });
    const visibility: RecordVisibility = {
      ownOnly: (settings?.ownRecordsOnly ?? false) && ROLE_RANK[ctx.role] < SEES_EVERYTHING_FROM,
      userId: ctx.user.id,
    };
    return next({ ctx: { db: visibleDb(ctx.db, visibility), visibility } });
  });
}
