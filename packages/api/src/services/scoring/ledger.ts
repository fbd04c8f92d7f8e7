import { Prisma, type TenantDb } from "@mg/db";

/**
 * The score ledger's writers. Every change of a score is an entry (rule, points, reason,
 * source key); totals are *recomputed from the entries* in the same transaction, never
 * incremented, so a contact's total is the sum of its ledger whatever happened before (a retry,
 * a merge, a decay run that died half-way: Mautic #5369).
 */
export interface LedgerEntry {
  contactId: string;
  scoreId: string;
  ruleId: string | null;
  points: number;
  reason: string;
  /** Idempotency: a second entry with the same key is not written (ON CONFLICT DO NOTHING). */
  sourceKey: string;
  decayOfId?: string | null;
  occurredAt: Date;
}

export interface TotalChange {
  contactId: string;
  scoreId: string;
  before: number;
  after: number;
}

/**
 * Locks the contacts' rows (id order, as merges and imports lock) so two scorings of one contact
 * queue: a cap or a fact state is read and written by one of them at a time. NO KEY UPDATE: it
 * does not block rows that merely reference the contact (an activity, a ledger entry).
 * Returns the ids that exist.
 */
export async function lockContacts(db: TenantDb, organizationId: string, contactIds: readonly string[]): Promise<string[]> {
  if (contactIds.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM contacts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${[...contactIds]}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
  return rows.map((r) => r.id);
}

/** Inserts the entries that are new; returns the (contact, score) pairs that got one. */
export async function insertEntries(db: TenantDb, organizationId: string, entries: readonly LedgerEntry[]): Promise<{ contactId: string; scoreId: string }[]> {
  if (entries.length === 0) return [];
  const rows = await db.$queryRaw<{ contact_id: string; score_id: string }[]>`
    INSERT INTO score_ledger (id, organization_id, contact_id, score_id, rule_id, points, reason, source_key, decay_of_id, occurred_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, e.contact_id, e.score_id, e.rule_id, e.points, e.reason, e.source_key, e.decay_of_id, e.occurred_at::timestamptz AT TIME ZONE 'UTC'
    FROM unnest(
      ${entries.map((e) => e.contactId)}::uuid[],
      ${entries.map((e) => e.scoreId)}::uuid[],
      ${entries.map((e) => e.ruleId)}::uuid[],
      ${entries.map((e) => e.points)}::int[],
      ${entries.map((e) => e.reason.slice(0, 500))}::text[],
      ${entries.map((e) => e.sourceKey)}::text[],
      ${entries.map((e) => e.decayOfId ?? null)}::uuid[],
      ${entries.map((e) => e.occurredAt.toISOString())}::text[]
    ) AS e(contact_id, score_id, rule_id, points, reason, source_key, decay_of_id, occurred_at)
    ON CONFLICT (organization_id, source_key) DO NOTHING
    RETURNING contact_id, score_id`;
  return rows.map((r) => ({ contactId: r.contact_id, scoreId: r.score_id }));
}

/**
 * Sets contact_scores.total = the sum of the ledger for each (contact, score) given — every score
 * of these contacts when `scoreIds` is omitted — and mirrors the primary score into
 * contacts.score. Returns the totals that changed, with their value before.
 */
export async function recomputeTotals(db: TenantDb, organizationId: string, contactIds: readonly string[], scoreIds?: readonly string[]): Promise<TotalChange[]> {
  const contacts = [...new Set(contactIds)];
  if (contacts.length === 0) return [];
  const scores = scoreIds ? [...new Set(scoreIds)] : null;
  const before = await db.$queryRaw<{ contact_id: string; score_id: string; total: number }[]>`
    SELECT contact_id, score_id, total FROM contact_scores
    WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${contacts}::uuid[]) ${scores ? Prisma.sql`AND score_id = ANY(${scores}::uuid[])` : Prisma.empty}`;
  const after = await db.$queryRaw<{ contact_id: string; score_id: string; total: number }[]>`
    INSERT INTO contact_scores (organization_id, contact_id, score_id, total, updated_at)
    SELECT ${organizationId}::uuid, c.id, s.id,
      coalesce((SELECT sum(l.points) FROM score_ledger l WHERE l.organization_id = ${organizationId}::uuid AND l.contact_id = c.id AND l.score_id = s.id), 0)::int,
      now()
    FROM contacts c CROSS JOIN lead_scores s
    WHERE c.organization_id = ${organizationId}::uuid AND c.id = ANY(${contacts}::uuid[])
      AND s.organization_id = ${organizationId}::uuid ${scores ? Prisma.sql`AND s.id = ANY(${scores}::uuid[])` : Prisma.empty}
    ON CONFLICT (organization_id, contact_id, score_id) DO UPDATE SET total = excluded.total, updated_at = excluded.updated_at
      WHERE contact_scores.total IS DISTINCT FROM excluded.total
    RETURNING contact_id, score_id, total`;
  const old = new Map(before.map((r) => [`${r.contact_id}:${r.score_id}`, r.total]));
  // The primary score is what the contacts table shows and sorts by.
  await db.$executeRaw`
    UPDATE contacts c SET score = cs.total
    FROM contact_scores cs JOIN lead_scores p ON p.organization_id = cs.organization_id AND p.id = cs.score_id AND p.is_primary
    WHERE cs.organization_id = ${organizationId}::uuid AND cs.contact_id = c.id
      AND c.organization_id = ${organizationId}::uuid AND c.id = ANY(${contacts}::uuid[]) AND c.score IS DISTINCT FROM cs.total`;
  return after
    .map((r) => ({ contactId: r.contact_id, scoreId: r.score_id, before: old.get(`${r.contact_id}:${r.score_id}`) ?? 0, after: r.total }))
    .filter((c) => c.before !== c.after);
}

/** Net points each rule has given each contact so far (decay included), and how many entries. */
export async function ruleStanding(db: TenantDb, organizationId: string, contactIds: readonly string[]): Promise<Map<string, { net: number; entries: number; scoreId: string }>> {
  const rows = await db.$queryRaw<{ contact_id: string; rule_id: string; score_id: string; net: number; entries: number }[]>`
    SELECT contact_id, rule_id, min(score_id::text)::uuid AS score_id, sum(points)::int AS net, count(*)::int AS entries FROM score_ledger
    WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${[...contactIds]}::uuid[]) AND rule_id IS NOT NULL
    GROUP BY contact_id, rule_id`;
  return new Map(rows.map((r) => [`${r.contact_id}:${r.rule_id}`, { net: r.net, entries: r.entries, scoreId: r.score_id }]));
}

/** What a rule may still give under its cap (the remainder; 0 when reached). */
export function underCap(points: number, net: number, cap: number | null): number {
  if (cap === null) return points;
  if (points > 0) return Math.max(0, Math.min(points, cap - net));
  return Math.min(0, Math.max(points, -cap - net));
}
