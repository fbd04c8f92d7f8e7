import type { LifecycleStage, TenantDb } from "@mg/db";
import { unionTags } from "../import/decide";
import { nameKey } from "../normalize";
import { moveScoresOnMerge } from "../../scoring/merge";
import { recordActivity } from "../timeline";

/** The fields whose surviving value is picked per field (the rest are unions: tags, emails, phones, relations). */
export const MERGE_FIELDS = ["firstName", "lastName", "primaryEmail", "primaryPhone", "jobTitle", "companyId", "ownerUserId", "lifecycleStage", "source", "externalId"] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

export class MergeRefused extends Error {
  constructor(
    message: string,
    readonly code: "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST",
  ) {
    super(message);
  }
}

interface ContactRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  name_key: string;
  primary_email: string | null;
  primary_phone: string | null;
  job_title: string | null;
  company_id: string | null;
  owner_user_id: string | null;
  lifecycle_stage: LifecycleStage;
  source: string;
  external_id: string | null;
  external_id_key: string | null;
  tags: string[];
  first_touch: unknown;
  last_touch: unknown;
  score: number;
  merged_into_id: string | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMN: Record<MergeField, keyof ContactRow> = {
  firstName: "first_name",
  lastName: "last_name",
  primaryEmail: "primary_email",
  primaryPhone: "primary_phone",
  jobTitle: "job_title",
  companyId: "company_id",
  ownerUserId: "owner_user_id",
  lifecycleStage: "lifecycle_stage",
  source: "source",
  externalId: "external_id",
};

/** A contact as a merge snapshot keeps it (everything undo puts back). */
export interface ContactSnapshot {
  id: string;
  firstName: string | null;
  lastName: string | null;
  nameKey: string;
  primaryEmail: string | null;
  primaryPhone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  ownerUserId: string | null;
  lifecycleStage: LifecycleStage;
  source: string;
  externalId: string | null;
  externalIdKey: string | null;
  tags: string[];
  score: number;
  firstTouch: unknown;
  lastTouch: unknown;
}

function snapshotOf(r: ContactRow): ContactSnapshot {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    nameKey: r.name_key,
    primaryEmail: r.primary_email,
    primaryPhone: r.primary_phone,
    jobTitle: r.job_title,
    companyId: r.company_id,
    ownerUserId: r.owner_user_id,
    lifecycleStage: r.lifecycle_stage,
    source: r.source,
    externalId: r.external_id,
    externalIdKey: r.external_id_key,
    tags: r.tags,
    score: r.score,
    firstTouch: r.first_touch,
    lastTouch: r.last_touch,
  };
}

/** Rows moved to the survivor (`from` = their contact before) and rows removed as collisions. */
export interface MergeSnapshot {
  survivorBefore: ContactSnapshot;
  merged: ContactSnapshot[];
  chosen: Partial<Record<MergeField, string>>;
  moved: {
    emails: { id: string; from: string; isPrimary: boolean }[];
    phones: { id: string; from: string; isPrimary: boolean }[];
    consents: { id: string; from: string }[];
    activities: { id: string; from: string }[];
    tasks: { id: string; from: string }[];
    deals: { dealId: string; from: string }[];
    lists: { listId: string; from: string }[];
    fieldValues: { id: string; from: string }[];
    importChanges: { importId: string; from: string }[];
    /** Optional: snapshots of merges made before scoring existed have none. */
    scoreLedger?: { id: string; from: string }[];
  };
  removed: {
    phones: { id: string; contactId: string; e164: string; label: string; isPrimary: boolean; createdAt: string }[];
    deals: { dealId: string; contactId: string; createdAt: string }[];
    lists: { listId: string; contactId: string; source: string; addedAt: string }[];
    fieldValues: { id: string; fieldId: string; contactId: string; valueText: string | null; valueNumber: string | null; valueDate: string | null; valueBool: boolean | null; valueOptions: string[] }[];
    importChanges: { importId: string; contactId: string; kind: string; previous: unknown; createdAt: string }[];
  };
}

export interface MergeInput {
  contactIds: readonly string[];
  /** Field → the contact whose value survives; default: the most recently updated contact with a non-empty value. */
  values?: Partial<Record<MergeField | `custom:${string}`, string>>;
  actorUserId: string | null;
  /** Tests: runs once the contacts are locked (to hold the locks while a racing import waits). */
  afterLock?: () => Promise<void>;
}

/** Locks live contacts FOR UPDATE in id order — the order imports lock in, so the two queue, never deadlock. */
export async function lockContacts(db: TenantDb, organizationId: string, ids: readonly string[]): Promise<ContactRow[]> {
  const list = [...ids];
  return db.$queryRaw<ContactRow[]>`
    SELECT id, first_name, last_name, name_key, primary_email, primary_phone, job_title, company_id, owner_user_id, lifecycle_stage, source,
           external_id, external_id_key, tags, first_touch, last_touch, score, merged_into_id, deleted_at, created_at, updated_at
    FROM contacts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${list}::uuid[]) ORDER BY id FOR UPDATE`;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "";

/**
 * Merges two or more contacts into the OLDEST one (its id survives, so every link to it holds).
 * Per field the chosen contact's value survives (default: newest non-empty); tags are united;
 * every relation moves — emails, phones, consents, activities, deals, tasks, list memberships,
 * custom values, import records — and where the survivor already has the same (same list, same
 * deal, same field, same phone) one row is kept and the other recorded as removed. The others
 * become tombstones (mergedIntoId, deletedAt, keys cleared). The snapshot is everything undo needs.
 */
export async function mergeContacts(db: TenantDb, organizationId: string, input: MergeInput): Promise<{ mergeId: string; survivorId: string; mergedIds: string[] }> {
  const ids = [...new Set(input.contactIds)];
  if (ids.length < 2) throw new MergeRefused("Choose at least two contacts to merge.", "BAD_REQUEST");
  const rows = await lockContacts(db, organizationId, ids);
  await input.afterLock?.();
  if (rows.length !== ids.length) throw new MergeRefused("Contact not found.", "NOT_FOUND");
  const gone = rows.find((r) => r.merged_into_id || r.deleted_at);
  if (gone) throw new MergeRefused("One of these contacts was merged or deleted meanwhile: reload and try again.", "CONFLICT");
  const byAge = [...rows].sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
  const survivor = byAge[0];
  if (!survivor) throw new MergeRefused("Contact not found.", "NOT_FOUND");
  const merged = byAge.slice(1);
  const mergedIds = merged.map((m) => m.id);
  const newestFirst = [...rows].sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime() || b.id.localeCompare(a.id));

  for (const [field, contactId] of Object.entries(input.values ?? {})) {
    if (contactId && !ids.includes(contactId)) throw new MergeRefused(`The value for ${field} must come from one of the merged contacts.`, "BAD_REQUEST");
  }
  const chosen: Partial<Record<MergeField, string>> = {};
  const next: Record<string, unknown> = {};
  for (const field of MERGE_FIELDS) {
    const column = COLUMN[field];
    const pick = input.values?.[field];
    const source = pick ? rows.find((r) => r.id === pick) : (newestFirst.find((r) => !isEmpty(r[column])) ?? survivor);
    if (!source) continue;
    chosen[field] = source.id;
    next[field] = source[column];
  }

  const snapshot: MergeSnapshot = {
    survivorBefore: snapshotOf(survivor),
    merged: merged.map(snapshotOf),
    chosen,
    moved: { emails: [], phones: [], consents: [], activities: [], tasks: [], deals: [], lists: [], fieldValues: [], importChanges: [], scoreLedger: [] },
    removed: { phones: [], deals: [], lists: [], fieldValues: [], importChanges: [] },
  };
  const s = survivor.id;
  const m = mergedIds;

  // Keys first: a merged contact's external id may be the one that survives.
  await db.$executeRaw`
    UPDATE contacts SET merged_into_id = ${s}::uuid, deleted_at = now(), external_id_key = NULL, updated_at = now()
    WHERE organization_id = ${organizationId}::uuid AND id = ANY(${m}::uuid[])`;

  // Emails: keys are unique among live contacts, so the merged ones' addresses move as they are.
  snapshot.moved.emails = await db.$queryRaw<{ id: string; from: string; isPrimary: boolean }[]>`
    WITH old AS (SELECT id, contact_id, is_primary FROM contact_emails WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${m}::uuid[]))
    UPDATE contact_emails e SET contact_id = ${s}::uuid, is_primary = false FROM old
    WHERE e.organization_id = ${organizationId}::uuid AND e.id = old.id
    RETURNING e.id, old.contact_id AS "from", old.is_primary AS "isPrimary"`;

  // Phones: one row per number on the survivor.
  const phones = await db.$queryRaw<{ id: string; contact_id: string; e164: string; label: string; is_primary: boolean; created_at: Date }[]>`
    SELECT id, contact_id, e164, label, is_primary, created_at FROM contact_phones
    WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${[s, ...m]}::uuid[]) ORDER BY (contact_id = ${s}::uuid) DESC, created_at, id`;
  const seenPhones = new Set<string>();
  const movePhones: string[] = [];
  const dropPhones: string[] = [];
  for (const p of phones) {
    if (seenPhones.has(p.e164)) {
      dropPhones.push(p.id);
      snapshot.removed.phones.push({ id: p.id, contactId: p.contact_id, e164: p.e164, label: p.label, isPrimary: p.is_primary, createdAt: p.created_at.toISOString() });
      continue;
    }
    seenPhones.add(p.e164);
    if (p.contact_id !== s) {
      movePhones.push(p.id);
      snapshot.moved.phones.push({ id: p.id, from: p.contact_id, isPrimary: p.is_primary });
    }
  }
  if (dropPhones.length) await db.$executeRaw`DELETE FROM contact_phones WHERE organization_id = ${organizationId}::uuid AND id = ANY(${dropPhones}::uuid[])`;
  if (movePhones.length) await db.$executeRaw`UPDATE contact_phones SET contact_id = ${s}::uuid, is_primary = false WHERE organization_id = ${organizationId}::uuid AND id = ANY(${movePhones}::uuid[])`;

  // Append-only tables may only be re-pointed (the grant allows exactly that).
  snapshot.moved.consents = await db.$queryRaw<{ id: string; from: string }[]>`
    WITH old AS (SELECT id, contact_id FROM consent_records WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${m}::uuid[]))
    UPDATE consent_records r SET contact_id = ${s}::uuid FROM old WHERE r.organization_id = ${organizationId}::uuid AND r.id = old.id
    RETURNING r.id, old.contact_id AS "from"`;
  snapshot.moved.activities = await db.$queryRaw<{ id: string; from: string }[]>`
    WITH old AS (SELECT id, contact_id FROM activities WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${m}::uuid[]))
    UPDATE activities a SET contact_id = ${s}::uuid FROM old WHERE a.organization_id = ${organizationId}::uuid AND a.id = old.id
    RETURNING a.id, old.contact_id AS "from"`;
  snapshot.moved.tasks = await db.$queryRaw<{ id: string; from: string }[]>`
    WITH old AS (SELECT id, contact_id FROM tasks WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${m}::uuid[]))
    UPDATE tasks t SET contact_id = ${s}::uuid, updated_at = now() FROM old WHERE t.organization_id = ${organizationId}::uuid AND t.id = old.id
    RETURNING t.id, old.contact_id AS "from"`;

  // Deals and lists: (deal|list, contact) is the key — the survivor keeps one row per deal and list.
  const deals = await db.$queryRaw<{ deal_id: string; contact_id: string; created_at: Date }[]>`
    SELECT deal_id, contact_id, created_at FROM deal_contacts WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${[s, ...m]}::uuid[])
    ORDER BY (contact_id = ${s}::uuid) DESC, created_at`;
  const seenDeals = new Set<string>();
  for (const d of deals) {
    const first = !seenDeals.has(d.deal_id);
    seenDeals.add(d.deal_id);
    if (d.contact_id === s) continue;
    if (first) {
      await db.$executeRaw`UPDATE deal_contacts SET contact_id = ${s}::uuid WHERE organization_id = ${organizationId}::uuid AND deal_id = ${d.deal_id}::uuid AND contact_id = ${d.contact_id}::uuid`;
      snapshot.moved.deals.push({ dealId: d.deal_id, from: d.contact_id });
    } else {
      await db.$executeRaw`DELETE FROM deal_contacts WHERE organization_id = ${organizationId}::uuid AND deal_id = ${d.deal_id}::uuid AND contact_id = ${d.contact_id}::uuid`;
      snapshot.removed.deals.push({ dealId: d.deal_id, contactId: d.contact_id, createdAt: d.created_at.toISOString() });
    }
  }
  const lists = await db.$queryRaw<{ list_id: string; contact_id: string; source: string; added_at: Date }[]>`
    SELECT list_id, contact_id, source, added_at FROM contact_list_members WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${[s, ...m]}::uuid[])
    ORDER BY (contact_id = ${s}::uuid) DESC, added_at`;
  const seenLists = new Set<string>();
  for (const l of lists) {
    const first = !seenLists.has(l.list_id);
    seenLists.add(l.list_id);
    if (l.contact_id === s) continue;
    if (first) {
      await db.$executeRaw`UPDATE contact_list_members SET contact_id = ${s}::uuid WHERE organization_id = ${organizationId}::uuid AND list_id = ${l.list_id}::uuid AND contact_id = ${l.contact_id}::uuid`;
      snapshot.moved.lists.push({ listId: l.list_id, from: l.contact_id });
    } else {
      await db.$executeRaw`DELETE FROM contact_list_members WHERE organization_id = ${organizationId}::uuid AND list_id = ${l.list_id}::uuid AND contact_id = ${l.contact_id}::uuid`;
      snapshot.removed.lists.push({ listId: l.list_id, contactId: l.contact_id, source: l.source, addedAt: l.added_at.toISOString() });
    }
  }

  // Custom values: per field, the chosen contact's value (default: the newest contact that has one).
  const values = await db.$queryRaw<{ id: string; field_id: string; contact_id: string; value_text: string | null; value_number: string | null; value_date: Date | null; value_bool: boolean | null; value_options: string[] }[]>`
    SELECT id, field_id, contact_id, value_text, value_number::text AS value_number, value_date, value_bool, value_options FROM custom_field_values
    WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${[s, ...m]}::uuid[])`;
  const rank = new Map(newestFirst.map((r, i) => [r.id, i]));
  const byField = new Map<string, typeof values>();
  for (const v of values) byField.set(v.field_id, [...(byField.get(v.field_id) ?? []), v]);
  for (const [fieldId, list] of byField) {
    const pick = input.values?.[`custom:${fieldId}`];
    const keep = (pick ? list.find((v) => v.contact_id === pick) : undefined) ?? [...list].sort((a, b) => (rank.get(a.contact_id) ?? 0) - (rank.get(b.contact_id) ?? 0))[0];
    for (const v of list) {
      if (v === keep) continue;
      snapshot.removed.fieldValues.push({
        id: v.id,
        fieldId: v.field_id,
        contactId: v.contact_id,
        valueText: v.value_text,
        valueNumber: v.value_number,
        valueDate: v.value_date ? v.value_date.toISOString() : null,
        valueBool: v.value_bool,
        valueOptions: v.value_options,
      });
      await db.$executeRaw`DELETE FROM custom_field_values WHERE organization_id = ${organizationId}::uuid AND id = ${v.id}::uuid`;
    }
    if (keep && keep.contact_id !== s) {
      await db.$executeRaw`UPDATE custom_field_values SET contact_id = ${s}::uuid, updated_at = now() WHERE organization_id = ${organizationId}::uuid AND id = ${keep.id}::uuid`;
      snapshot.moved.fieldValues.push({ id: keep.id, from: keep.contact_id });
    }
  }

  // Import records: one per (import, contact) — an import that touched both keeps the survivor's.
  const changes = await db.$queryRaw<{ import_id: string; contact_id: string; kind: string; previous: unknown; created_at: Date }[]>`
    SELECT import_id, contact_id, kind, previous, created_at FROM contact_import_changes WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${[s, ...m]}::uuid[])
    ORDER BY (contact_id = ${s}::uuid) DESC, created_at`;
  const seenImports = new Set<string>();
  for (const c of changes) {
    const first = !seenImports.has(c.import_id);
    seenImports.add(c.import_id);
    if (c.contact_id === s) continue;
    if (first) {
      await db.$executeRaw`UPDATE contact_import_changes SET contact_id = ${s}::uuid WHERE organization_id = ${organizationId}::uuid AND import_id = ${c.import_id}::uuid AND contact_id = ${c.contact_id}::uuid`;
      snapshot.moved.importChanges.push({ importId: c.import_id, from: c.contact_id });
    } else {
      await db.$executeRaw`DELETE FROM contact_import_changes WHERE organization_id = ${organizationId}::uuid AND import_id = ${c.import_id}::uuid AND contact_id = ${c.contact_id}::uuid`;
      snapshot.removed.importChanges.push({ importId: c.import_id, contactId: c.contact_id, kind: c.kind, previous: c.previous, createdAt: c.created_at.toISOString() });
    }
  }

  // The survivor: chosen values, united tags, its primary email/phone flags to match.
  const tags = rows.reduce<string[]>((acc, r) => unionTags(acc, r.tags), survivor.tags);
  const firstName = next.firstName as string | null;
  const lastName = next.lastName as string | null;
  const externalId = next.externalId as string | null;
  await db.$executeRaw`
    UPDATE contacts SET first_name = ${firstName}, last_name = ${lastName}, name_key = ${nameKey(firstName, lastName)},
      primary_email = ${next.primaryEmail as string | null}, primary_phone = ${next.primaryPhone as string | null}, job_title = ${next.jobTitle as string | null},
      company_id = ${next.companyId as string | null}::uuid, owner_user_id = ${next.ownerUserId as string | null}::uuid,
      lifecycle_stage = ${next.lifecycleStage as string}::"LifecycleStage", source = ${next.source as string},
      external_id = ${externalId}, external_id_key = lower(${externalId}), tags = ${tags}::text[],
      score = ${Math.max(...rows.map((r) => r.score))}, updated_at = now()
    WHERE organization_id = ${organizationId}::uuid AND id = ${s}::uuid`;
  await db.$executeRaw`
    UPDATE contact_emails SET is_primary = (email = ${next.primaryEmail as string | null}) WHERE organization_id = ${organizationId}::uuid AND contact_id = ${s}::uuid`;
  await db.$executeRaw`
    UPDATE contact_phones SET is_primary = (e164 = ${next.primaryPhone as string | null}) WHERE organization_id = ${organizationId}::uuid AND contact_id = ${s}::uuid`;
  await db.$executeRaw`
    UPDATE duplicate_candidates SET status = 'MERGED'::"DuplicateStatus", updated_at = now()
    WHERE organization_id = ${organizationId}::uuid AND object = 'CONTACT' AND record_a_id = ANY(${ids}::uuid[]) AND record_b_id = ANY(${ids}::uuid[]) AND status = 'OPEN'`;

  // Score ledger entries follow the contact; totals are recomputed from them (services/scoring/merge.ts).
  snapshot.moved.scoreLedger = await moveScoresOnMerge(db, organizationId, s, m);

  const record = await db.crmMerge.create({
    data: { organizationId, object: "CONTACT", survivorId: s, mergedIds, snapshot: JSON.parse(JSON.stringify(snapshot)) as object, createdById: input.actorUserId },
    select: { id: true },
  });
  const names = merged.map((r) => [r.first_name, r.last_name].filter(Boolean).join(" ") || r.primary_email || "(no name)").map((n) => n.slice(0, 300));
  await recordActivity(db, organizationId, { kind: "MERGED", contactId: s, actorUserId: input.actorUserId, payload: { mergeId: record.id, mergedIds, names } });
  return { mergeId: record.id, survivorId: s, mergedIds };
}
