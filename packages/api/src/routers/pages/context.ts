import type { TenantDb } from "@mg/db";
import type { Emit } from "../../jobs";
import type { PagesContext } from "../../services/pages";

/** The slice of an org procedure's context the page services use. */
export function pagesContextOf(ctx: { db: TenantDb; org: { id: string; timezone: string }; user: { id: string }; emit: Emit }): PagesContext {
  return { db: ctx.db, org: { id: ctx.org.id, timezone: ctx.org.timezone }, userId: ctx.user.id, emit: ctx.emit };
}
