import type { TenantDb } from "@mg/db";
import type { LifecycleStage } from "@mg/db";
import type { ImportUpdateRule } from "../../../schemas/crm/contact-import";
import type { ImportRow, TypedValue } from "./rows";

/** A live contact as the import compares against it (locked FOR UPDATE when the job writes). */
export interface ContactState {
  id: string;
  firstName: string | null;
  lastName: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  jobTitle: string | null;
  companyId: string | null;
  ownerUserId: string | null;
  lifecycleStage: LifecycleStage;
  source: string;
  externalId: string | null;
  tags: string[];
  emails: string[];
  phones: string[];
  custom: Map<string, TypedValue>;
  inList: boolean;
}

/** The scalar columns an import may change, with their contacts column. */
export const SCALAR_FIELDS = ["firstName", "lastName", "jobTitle", "companyId", "ownerUserId", "lifecycleStage", "source", "externalId"] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];

/**
 * What undo needs to put an updated contact back: each changed field's value before the import
 * (`custom:<fieldId>` → the typed value or null when there was none), and what was added.
 */
export interface PreviousValues {
  firstName?: string | null;
  lastName?: string | null;
  jobTitle?: string | null;
  companyId?: string | null;
  ownerUserId?: string | null;
  lifecycleStage?: LifecycleStage;
  source?: string;
  externalId?: string | null;
  primaryEmail?: string | null;
  primaryPhone?: string | null;
  tags?: string[];
  addedEmails?: string[];
  addedPhones?: string[];
  listAdded?: boolean;
  custom?: Record<string, TypedValue | null>;
}

export interface BatchRules {
  updateRule: ImportUpdateRule;
  tags: readonly string[];
  ownerUserId: string | null;
  listId: string | null;
}

export type Decision =
  | { kind: "create"; row: ImportRow; companyRef: string | null }
  | { kind: "update"; row: ImportRow; state: ContactState; next: ContactState; previous: PreviousValues; companyRef: string | null }
  | { kind: "skip"; row: ImportRow; state: ContactState };

function sameValue(a: TypedValue, b: TypedValue): boolean {
  return a.text === b.text && a.number === b.number && a.date === b.date && a.bool === b.bool && a.options.join("\u0001") === b.options.join("\u0001");
}

/** Tags as a set, case-insensitively (the first spelling kept). */
export function unionTags(current: readonly string[], added: readonly string[]): string[] {
  const out = [...current];
  const seen = new Set(current.map((t) => t.toLowerCase()));
  for (const tag of added) {
    if (!seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out;
}

/**
 * The one rule of what a row does to the contact it matches — the dry run and the job both call
 * it, so the preview's counts are the run's counts. `fill_empty` fills only what is empty;
 * `overwrite` replaces what differs. Emails and phones are never replaced, only added (and made
 * primary when the contact had none); tags are always added.
 */
export function decide(row: ImportRow, state: ContactState | null, companyRef: string | null, rules: BatchRules): Decision {
  if (!state) return { kind: "create", row, companyRef };
  const next: ContactState = { ...state, tags: [...state.tags], emails: [...state.emails], phones: [...state.phones], custom: new Map(state.custom) };
  const previous: PreviousValues = {};
  const incoming: Partial<Record<ScalarField, string | null>> = {
    firstName: row.firstName,
    lastName: row.lastName,
    jobTitle: row.jobTitle,
    // A company the import is about to create has no id yet: its ref stands in for it.
    companyId: companyRef,
    ownerUserId: rules.ownerUserId,
    lifecycleStage: row.lifecycleStage,
    source: row.source,
    externalId: row.externalId,
  };
  for (const field of SCALAR_FIELDS) {
    const value = incoming[field];
    if (value === null || value === undefined) continue;
    const current = state[field];
    // Every contact has a lifecycle stage and a source (defaults), so "fill empty" leaves them alone.
    const empty = current === null || current === "";
    const change = rules.updateRule === "overwrite" ? current !== value : empty;
    if (!change) continue;
    (previous as Record<string, unknown>)[field] = current;
    (next as unknown as Record<string, unknown>)[field] = value;
  }
  if (row.email && !state.emails.includes(row.email)) {
    next.emails.push(row.email);
    previous.addedEmails = [row.email];
    if (!state.primaryEmail) {
      previous.primaryEmail = null;
      next.primaryEmail = row.email;
    }
  }
  if (row.phone && !state.phones.includes(row.phone)) {
    next.phones.push(row.phone);
    previous.addedPhones = [row.phone];
    if (!state.primaryPhone) {
      previous.primaryPhone = null;
      next.primaryPhone = row.phone;
    }
  }
  const tags = unionTags(state.tags, [...row.tags, ...rules.tags]);
  if (tags.length !== state.tags.length) {
    previous.tags = state.tags;
    next.tags = tags;
  }
  for (const [fieldId, value] of row.custom) {
    const current = state.custom.get(fieldId) ?? null;
    const change = rules.updateRule === "overwrite" ? !current || !sameValue(current, value) : !current;
    if (!change) continue;
    previous.custom = { ...previous.custom, [fieldId]: current };
    next.custom.set(fieldId, value);
  }
  if (rules.listId && !state.inList) {
    previous.listAdded = true;
    next.inList = true;
  }
  if (Object.keys(previous).length === 0) return { kind: "skip", row, state };
  return { kind: "update", row, state, next, previous, companyRef };
}

interface StateRow {
  id: string;
  first_name: string | null;
  last_name: string | null;
  primary_email: string | null;
  primary_phone: string | null;
  job_title: string | null;
  company_id: string | null;
  owner_user_id: string | null;
  lifecycle_stage: LifecycleStage;
  source: string;
  external_id: string | null;
  tags: string[];
}

/**
 * The current state of live contacts — with `lock`, FOR UPDATE in id order (the order a merge
 * locks in too, so an import and a merge of the same contacts queue instead of deadlocking).
 */
export async function loadStates(db: TenantDb, organizationId: string, ids: readonly string[], options: { lock: boolean; listId: string | null; fieldIds: readonly string[] }): Promise<Map<string, ContactState>> {
  const states = new Map<string, ContactState>();
  if (ids.length === 0) return states;
  const list = [...ids];
  const rows = options.lock
    ? await db.$queryRaw<StateRow[]>`
        SELECT id, first_name, last_name, primary_email, primary_phone, job_title, company_id, owner_user_id, lifecycle_stage, source, external_id, tags
        FROM contacts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${list}::uuid[]) AND deleted_at IS NULL AND merged_into_id IS NULL
        ORDER BY id FOR UPDATE`
    : await db.$queryRaw<StateRow[]>`
        SELECT id, first_name, last_name, primary_email, primary_phone, job_title, company_id, owner_user_id, lifecycle_stage, source, external_id, tags
        FROM contacts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${list}::uuid[]) AND deleted_at IS NULL AND merged_into_id IS NULL`;
  for (const r of rows) {
    states.set(r.id, {
      id: r.id,
      firstName: r.first_name,
      lastName: r.last_name,
      primaryEmail: r.primary_email,
      primaryPhone: r.primary_phone,
      jobTitle: r.job_title,
      companyId: r.company_id,
      ownerUserId: r.owner_user_id,
      lifecycleStage: r.lifecycle_stage,
      source: r.source,
      externalId: r.external_id,
      tags: r.tags,
      emails: [],
      phones: [],
      custom: new Map(),
      inList: false,
    });
  }
  const found = [...states.keys()];
  if (found.length === 0) return states;
  const emails = await db.$queryRaw<{ contact_id: string; email: string }[]>`
    SELECT contact_id, email FROM contact_emails WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${found}::uuid[])`;
  for (const e of emails) states.get(e.contact_id)?.emails.push(e.email);
  const phones = await db.$queryRaw<{ contact_id: string; e164: string }[]>`
    SELECT contact_id, e164 FROM contact_phones WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${found}::uuid[])`;
  for (const p of phones) states.get(p.contact_id)?.phones.push(p.e164);
  if (options.fieldIds.length > 0) {
    const fieldIds = [...options.fieldIds];
    const values = await db.$queryRaw<{ contact_id: string; field_id: string; value_text: string | null; value_number: string | null; value_date: Date | null; value_bool: boolean | null; value_options: string[] }[]>`
      SELECT contact_id, field_id, value_text, value_number::text AS value_number, value_date, value_bool, value_options
      FROM custom_field_values WHERE organization_id = ${organizationId}::uuid AND contact_id = ANY(${found}::uuid[]) AND field_id = ANY(${fieldIds}::uuid[])`;
    for (const v of values) {
      states.get(v.contact_id)?.custom.set(v.field_id, {
        text: v.value_text,
        // numeric(20,4) reads back as "12.5000": compare and restore in the same canonical form.
        number: v.value_number === null ? null : canonicalNumber(v.value_number),
        date: v.value_date ? v.value_date.toISOString() : null,
        bool: v.value_bool,
        options: v.value_options,
      });
    }
  }
  if (options.listId) {
    const members = await db.$queryRaw<{ contact_id: string }[]>`
      SELECT contact_id FROM contact_list_members WHERE organization_id = ${organizationId}::uuid AND list_id = ${options.listId}::uuid AND contact_id = ANY(${found}::uuid[])`;
    for (const m of members) {
      const state = states.get(m.contact_id);
      if (state) state.inList = true;
    }
  }
  return states;
}

/** "12.5000" → "12.5", "-3.0000" → "-3": the form a file's number is compared in. */
export function canonicalNumber(text: string): string {
  if (!text.includes(".")) return text;
  const trimmed = text.replace(/0+$/, "").replace(/\.$/, "");
  return trimmed === "-0" ? "0" : trimmed;
}
