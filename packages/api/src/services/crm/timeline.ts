import type { TenantDb } from "@mg/db";
import { activityPayloadSchemas, type ActivityKindName, type ActivityPayload } from "../../schemas/crm/activity";

/**
 * The one way anything writes to the CRM timeline (notes, imports, merges, deals, forms, email
 * events…). The payload is checked against its kind's schema; the row is append-only (the app
 * role cannot edit or delete it, only re-point it at a merge's survivor).
 */
export interface ActivityInput<K extends ActivityKindName> {
  kind: K;
  payload: ActivityPayload<K>;
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
  /** The member who did it; omit for the system. */
  actorUserId?: string | null;
  /** Who, in words, when it was not a member ("Import of leads.csv"). */
  actorLabel?: string | null;
  occurredAt?: Date;
}

export async function recordActivity<K extends ActivityKindName>(db: TenantDb, organizationId: string, input: ActivityInput<K>): Promise<{ id: string }> {
  if (!input.contactId && !input.companyId && !input.dealId) throw new Error(`recordActivity(${input.kind}): names no contact, company or deal`);
  const payload = activityPayloadSchemas[input.kind].parse(input.payload) as object;
  return db.activity.create({
    data: {
      organizationId,
      kind: input.kind,
      contactId: input.contactId ?? null,
      companyId: input.companyId ?? null,
      dealId: input.dealId ?? null,
      actorUserId: input.actorUserId ?? null,
      actorLabel: input.actorLabel ?? null,
      occurredAt: input.occurredAt ?? new Date(),
      payload,
    },
    select: { id: true },
  });
}

/**
 * Many events at once (an import's thousands of "imported"): the same checks, then one
 * `INSERT … SELECT FROM unnest(…)` — Prisma's createMany sends every value as its own
 * parameter, which made the timeline the slowest part of a 2,500-row import chunk.
 */
export async function recordActivities<K extends ActivityKindName>(db: TenantDb, organizationId: string, inputs: readonly ActivityInput<K>[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const now = new Date();
  const rows = inputs.map((input) => {
    if (!input.contactId && !input.companyId && !input.dealId) throw new Error(`recordActivities(${input.kind}): names no contact, company or deal`);
    return { ...input, payload: JSON.stringify(activityPayloadSchemas[input.kind].parse(input.payload)), occurredAt: input.occurredAt ?? now };
  });
  return db.$executeRaw`
    INSERT INTO activities (id, organization_id, kind, contact_id, company_id, deal_id, actor_user_id, actor_label, occurred_at, payload, created_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, a.kind::"ActivityKind", a.contact_id, a.company_id, a.deal_id, a.actor_user_id, a.actor_label, a.occurred_at::timestamptz AT TIME ZONE 'UTC', a.payload::jsonb, ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'
    FROM unnest(
      ${rows.map((r) => r.kind)}::text[],
      ${rows.map((r) => r.contactId ?? null)}::uuid[],
      ${rows.map((r) => r.companyId ?? null)}::uuid[],
      ${rows.map((r) => r.dealId ?? null)}::uuid[],
      ${rows.map((r) => r.actorUserId ?? null)}::uuid[],
      ${rows.map((r) => r.actorLabel ?? null)}::text[],
      ${rows.map((r) => r.occurredAt.toISOString())}::text[],
      ${rows.map((r) => r.payload)}::text[]
    ) AS a(kind, contact_id, company_id, deal_id, actor_user_id, actor_label, occurred_at, payload)`;
}
