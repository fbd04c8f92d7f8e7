import type { ConsentChannel, ConsentStatus, TenantDb } from "@mg/db";
import { recordActivity } from "./timeline";

/**
 * The consent ledger: every change is a new consent_records row (the app role cannot edit or
 * delete one), and a contact's consent per channel and purpose is the latest row. Messaging reads
 * currentConsents() before it sends.
 */
export interface ConsentInput {
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  wordingVersion?: string | null;
  wording?: string | null;
  method: string;
  ip?: string | null;
  userAgent?: string | null;
  /** The page the consent was given on (a lead form's page). */
  pageUrl?: string | null;
}

export interface CurrentConsent {
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  wordingVersion: string | null;
  method: string;
  recordedAt: Date;
  recordedById: string | null;
}

export async function recordConsent(db: TenantDb, organizationId: string, contactId: string, input: ConsentInput, actor: { userId: string | null; label?: string }): Promise<{ id: string }> {
  const record = await db.consentRecord.create({
    data: {
      organizationId,
      contactId,
      channel: input.channel,
      purpose: input.purpose,
      status: input.status,
      wordingVersion: input.wordingVersion ?? null,
      wording: input.wording ?? null,
      method: input.method,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      pageUrl: input.pageUrl ?? null,
      recordedById: actor.userId,
    },
    select: { id: true, recordedAt: true },
  });
  await recordActivity(db, organizationId, {
    kind: "CONSENT_CHANGED",
    payload: { channel: input.channel, purpose: input.purpose, status: input.status, method: input.method },
    contactId,
    actorUserId: actor.userId,
    actorLabel: actor.label ?? null,
    occurredAt: record.recordedAt,
  });
  return { id: record.id };
}

/** The latest record per (channel, purpose) of each contact. */
export async function currentConsents(db: TenantDb, contactIds: readonly string[]): Promise<Map<string, CurrentConsent[]>> {
  const result = new Map<string, CurrentConsent[]>();
  if (contactIds.length === 0) return result;
  const rows = await db.consentRecord.findMany({
    where: { contactId: { in: [...contactIds] } },
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    select: { contactId: true, channel: true, purpose: true, status: true, wordingVersion: true, method: true, recordedAt: true, recordedById: true },
  });
  const seen = new Set<string>();
  for (const { contactId, ...row } of rows) {
    const key = `${contactId}|${row.channel}|${row.purpose}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = result.get(contactId) ?? [];
    list.push(row);
    result.set(contactId, list);
  }
  return result;
}
