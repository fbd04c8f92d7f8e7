import type { TenantDb } from "@mg/db";
import type { Emit } from "../../jobs";

/** What the page services need from an org procedure. */
export interface PagesContext {
  db: TenantDb;
  org: { id: string; timezone: string };
  userId: string;
  emit: Emit;
}
