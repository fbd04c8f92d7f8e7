import type { TenantDb } from "@mg/db";

export type ScoredBehaviour = "form_submitted" | "page_visited" | "link_clicked" | "email_opened" | "email_clicked";

export interface BehaviourEvent {
  contactId: string;
  event: ScoredBehaviour;
  /** What it was on: the form, page or link (rules may filter on it). */
  subject?: { formId?: string; pageId?: string; linkId?: string };
  /** Idempotency: the fact that happened ("submission:{id}"); a retry scores nothing twice. */
  sourceKey: string;
  occurredAt: Date;
}

/**
 * Scores a behaviour of a contact against the organization's rules (ledger entries, totals,
 * thresholds), inside the caller's transaction. Owned by the scoring work; placeholder until it
 * lands: no rules apply.
 */
export async function scoreBehaviour(_db: TenantDb, _organizationId: string, _event: BehaviourEvent): Promise<void> {
  return;
}

/** Re-evaluates a contact's fact rules after its fields changed (same transaction). Placeholder. */
export async function rescoreFacts(_db: TenantDb, _organizationId: string, _contactId: string): Promise<void> {
  return;
}
