import type { TenantDb } from "@mg/db";
import type { CrmContext } from "../contacts";
import type { RecordVisibility } from "../record-visibility";

/** The slice of a crmProcedure context the record services need. */
export function crmContextOf(ctx: { db: TenantDb; org: { id: string; country: string | null; parentId: string | null }; user: { id: string }; visibility: RecordVisibility }): CrmContext {
  return { db: ctx.db, org: { id: ctx.org.id, country: ctx.org.country, parentId: ctx.org.parentId }, userId: ctx.user.id, visibility: ctx.visibility };
}
