import { randomUUID } from "node:crypto";
import { Prisma, type TenantDb } from "@mg/db";
import type { ImportRowError } from "../../../schemas/crm/contact-import";
import { flagExactDuplicates } from "../duplicates/exact";
import { nameKey } from "../normalize";
import { recordActivities } from "../timeline";
import { companyRefKey, companyWanted, ensureCompanies, findCompanies, type CompanyWant } from "./companies";
import type { ImportSetup } from "./context";
import { decide, loadStates, unionTags, type ContactState, type Decision } from "./decide";
import { identifierConflict, resolveRows, type Resolution } from "./resolve";
import type { ImportRow, TypedValue } from "./rows";

/** A company the import would create: stands in for its id until it exists. */
const NEW_COMPANY = "new:";

export interface ChunkPlan {
  decisions: Decision[];
  errors: ImportRowError[];
  /** Ref key → wanted company, for refs that do not exist yet. */
  newCompanies: Map<string, CompanyWant>;
}

/**
 * Decides every row of a chunk against the current data — the dry run (lock: false) and the job
 * (lock: true, the contacts FOR UPDATE in id order) share it. After locking, the keys are resolved
 * again: a merge that committed while this waited has moved them to its survivor, which is then
 * locked too, so a row never updates a tombstone or creates a second contact for a live email.
 */
export async function planChunk(db: TenantDb, setup: ImportSetup, rows: readonly ImportRow[], options: { lock: boolean; importId?: string }): Promise<ChunkPlan> {
  const { organizationId } = setup;
  const fieldIds = [...setup.customFields.keys()];
  let resolution: Resolution = await resolveRows(db, organizationId, setup.matchKey, rows);
  let states = new Map<string, ContactState>();
  for (let attempt = 0; ; attempt++) {
    const wanted = new Set<string>();
    for (const row of rows) {
      const id = resolution.byKey.get(row.key);
      if (id) wanted.add(id);
    }
    const missing = [...wanted].filter((id) => !states.has(id));
    if (missing.length === 0) break;
    if (attempt >= 5) throw new Error("contacts kept moving while the import locked them (merges in progress): the chunk is retried");
    const more = await loadStates(db, organizationId, [...states.keys(), ...missing], { lock: options.lock, listId: setup.rules.listId, fieldIds });
    states = more;
    if (!options.lock) break;
    resolution = await resolveRows(db, organizationId, setup.matchKey, rows);
  }

  const touched = options.importId ? await touchedContacts(db, organizationId, options.importId, [...states.keys()]) : new Set<string>();

  const wants = new Map<string, CompanyWant>();
  for (const row of rows) {
    const want = companyWanted(row);
    if (want) wants.set(companyRefKey(want), want);
  }
  const existingCompanies = await findCompanies(db, organizationId, [...wants.values()]);
  const newCompanies = new Map<string, CompanyWant>();
  for (const [key, want] of wants) if (!existingCompanies.has(key)) newCompanies.set(key, want);

  const decisions: Decision[] = [];
  const errors: ImportRowError[] = [];
  const claimed = new Map<string, number>();
  for (const row of rows) {
    const contactId = resolution.byKey.get(row.key) ?? null;
    const state = contactId ? (states.get(contactId) ?? null) : null;
    const conflict = identifierConflict(row, state ? state.id : null, resolution);
    if (conflict) {
      errors.push({ row: row.row, field: conflict.field, message: conflict.message });
      continue;
    }
    if (state) {
      const earlier = claimed.get(state.id);
      if (earlier !== undefined || touched.has(state.id)) {
        errors.push({ row: row.row, field: setup.matchKey, message: `Matches the same contact as ${earlier !== undefined ? `row ${earlier}` : "an earlier row"} of this file: skipped.` });
        continue;
      }
      claimed.set(state.id, row.row);
    }
    const want = companyWanted(row);
    const key = want ? companyRefKey(want) : null;
    const companyRef = key ? (existingCompanies.get(key) ?? `${NEW_COMPANY}${key}`) : null;
    decisions.push(decide(row, state, companyRef, setup.rules));
  }
  return { decisions, errors, newCompanies };
}

export interface ChunkResult {
  created: string[];
  updated: string[];
  skipped: number;
  errors: ImportRowError[];
}

interface CreateRow {
  id: string;
  row: ImportRow;
  companyId: string | null;
}

function typedColumns(values: readonly { contactId: string; fieldId: string; value: TypedValue }[]) {
  return {
    contactIds: values.map((v) => v.contactId),
    fieldIds: values.map((v) => v.fieldId),
    texts: values.map((v) => v.value.text),
    numbers: values.map((v) => v.value.number),
    dates: values.map((v) => v.value.date),
    bools: values.map((v) => v.value.bool),
    // Ragged arrays cannot be unnest()ed: each option list travels as one unit-separated string.
    options: values.map((v) => v.value.options.join("\u001f")),
  };
}

async function upsertCustomValues(db: TenantDb, organizationId: string, values: readonly { contactId: string; fieldId: string; value: TypedValue }[]) {
  if (values.length === 0) return;
  const c = typedColumns(values);
  await db.$executeRaw`
    INSERT INTO custom_field_values (id, organization_id, field_id, contact_id, value_text, value_number, value_date, value_bool, value_options, updated_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, v.field_id, v.contact_id, v.value_text, v.value_number::numeric, v.value_date::timestamptz AT TIME ZONE 'UTC', v.value_bool,
           CASE WHEN v.value_options = '' THEN '{}'::text[] ELSE string_to_array(v.value_options, E'\\x1F') END, now()
    FROM unnest(${c.contactIds}::uuid[], ${c.fieldIds}::uuid[], ${c.texts}::text[], ${c.numbers}::text[], ${c.dates}::text[], ${c.bools}::boolean[], ${c.options}::text[])
      AS v(contact_id, field_id, value_text, value_number, value_date, value_bool, value_options)
    ON CONFLICT (organization_id, field_id, contact_id) DO UPDATE SET
      value_text = EXCLUDED.value_text, value_number = EXCLUDED.value_number, value_date = EXCLUDED.value_date,
      value_bool = EXCLUDED.value_bool, value_options = EXCLUDED.value_options, updated_at = now()`;
}

/** Inserts the new contacts with their primary email and phone; returns the ids a concurrent writer beat us to. */
async function insertCreates(db: TenantDb, setup: ImportSetup, creates: readonly CreateRow[]): Promise<{ lost: boolean }> {
  if (creates.length === 0) return { lost: false };
  const { organizationId, rules } = setup;
  const tagsOf = (row: ImportRow) => unionTags(row.tags, rules.tags).join("\u001f");
  // The external id is the one unique key of contacts a new row can collide on (the id is ours).
  // Without any in the batch nothing can conflict — NULL keys are distinct — so the arbiter and
  // its speculative insertion (a third more per row) are left out; with one, they guard the key.
  const onExternalConflict = creates.some((c) => c.row.externalId !== null) ? Prisma.sql`ON CONFLICT (organization_id, external_id_key) DO NOTHING` : Prisma.empty;
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO contacts (id, organization_id, first_name, last_name, name_key, primary_email, primary_phone, job_title, company_id, owner_user_id,
                          lifecycle_stage, source, external_id, external_id_key, tags, created_at, updated_at)
    SELECT r.id, ${organizationId}::uuid, r.first_name, r.last_name, r.name_key, r.email, r.phone, r.job_title, r.company_id, ${rules.ownerUserId}::uuid,
           COALESCE(r.lifecycle, 'LEAD')::"LifecycleStage", COALESCE(r.source, 'import'), r.external_id, lower(r.external_id),
           CASE WHEN r.tags = '' THEN '{}'::text[] ELSE string_to_array(r.tags, E'\\x1F') END, now(), now()
    FROM unnest(
      ${creates.map((c) => c.id)}::uuid[], ${creates.map((c) => c.row.firstName)}::text[], ${creates.map((c) => c.row.lastName)}::text[],
      ${creates.map((c) => nameKey(c.row.firstName, c.row.lastName))}::text[], ${creates.map((c) => c.row.email)}::text[], ${creates.map((c) => c.row.phone)}::text[],
      ${creates.map((c) => c.row.jobTitle)}::text[], ${creates.map((c) => c.companyId)}::uuid[], ${creates.map((c) => c.row.lifecycleStage)}::text[],
      ${creates.map((c) => c.row.source)}::text[], ${creates.map((c) => c.row.externalId)}::text[], ${creates.map((c) => tagsOf(c.row))}::text[]
    ) AS r(id, first_name, last_name, name_key, email, phone, job_title, company_id, lifecycle, source, external_id, tags)
    ${onExternalConflict}
    RETURNING id`;
  if (inserted.length < creates.length) return { lost: true };
  const withEmail = creates.filter((c) => c.row.email);
  if (withEmail.length > 0) {
    const emails = await db.$queryRaw<{ contact_id: string }[]>`
      INSERT INTO contact_emails (id, organization_id, contact_id, email, email_key, is_primary, created_at)
      SELECT gen_random_uuid(), ${organizationId}::uuid, e.contact_id, e.email, e.email, true, now()
      FROM unnest(${withEmail.map((c) => c.id)}::uuid[], ${withEmail.map((c) => c.row.email)}::text[]) AS e(contact_id, email)
      ON CONFLICT (organization_id, email_key) DO NOTHING
      RETURNING contact_id`;
    if (emails.length < withEmail.length) return { lost: true };
  }
  const withPhone = creates.filter((c) => c.row.phone);
  if (withPhone.length > 0) {
    await db.$executeRaw`
      INSERT INTO contact_phones (id, organization_id, contact_id, e164, label, is_primary, created_at)
      SELECT gen_random_uuid(), ${organizationId}::uuid, p.contact_id, p.e164, 'mobile', true, now()
      FROM unnest(${withPhone.map((c) => c.id)}::uuid[], ${withPhone.map((c) => c.row.phone)}::text[]) AS p(contact_id, e164)`;
  }
  await upsertCustomValues(
    db,
    organizationId,
    creates.flatMap((c) => [...c.row.custom].map(([fieldId, value]) => ({ contactId: c.id, fieldId, value }))),
  );
  return { lost: false };
}

async function applyUpdates(db: TenantDb, setup: ImportSetup, updates: readonly Extract<Decision, { kind: "update" }>[]) {
  if (updates.length === 0) return;
  const { organizationId } = setup;
  const next = updates.map((u) => u.next);
  await db.$executeRaw`
    UPDATE contacts c SET
      first_name = u.first_name, last_name = u.last_name, name_key = u.name_key, primary_email = u.primary_email, primary_phone = u.primary_phone,
      job_title = u.job_title, company_id = u.company_id, owner_user_id = u.owner_user_id, lifecycle_stage = u.lifecycle::"LifecycleStage",
      source = u.source, external_id = u.external_id, external_id_key = lower(u.external_id),
      tags = CASE WHEN u.tags = '' THEN '{}'::text[] ELSE string_to_array(u.tags, E'\\x1F') END, updated_at = now()
    FROM unnest(
      ${next.map((n) => n.id)}::uuid[], ${next.map((n) => n.firstName)}::text[], ${next.map((n) => n.lastName)}::text[], ${next.map((n) => nameKey(n.firstName, n.lastName))}::text[],
      ${next.map((n) => n.primaryEmail)}::text[], ${next.map((n) => n.primaryPhone)}::text[], ${next.map((n) => n.jobTitle)}::text[], ${next.map((n) => n.companyId)}::uuid[],
      ${next.map((n) => n.ownerUserId)}::uuid[], ${next.map((n) => n.lifecycleStage)}::text[], ${next.map((n) => n.source)}::text[], ${next.map((n) => n.externalId)}::text[],
      ${next.map((n) => n.tags.join("\u001f"))}::text[]
    ) AS u(id, first_name, last_name, name_key, primary_email, primary_phone, job_title, company_id, owner_user_id, lifecycle, source, external_id, tags)
    WHERE c.organization_id = ${organizationId}::uuid AND c.id = u.id`;
  const emails = updates.flatMap((u) => (u.previous.addedEmails ?? []).map((email) => ({ contactId: u.state.id, email, primary: u.previous.primaryEmail === null })));
  if (emails.length > 0) {
    await db.$executeRaw`
      INSERT INTO contact_emails (id, organization_id, contact_id, email, email_key, is_primary, created_at)
      SELECT gen_random_uuid(), ${organizationId}::uuid, e.contact_id, e.email, e.email, e.is_primary, now()
      FROM unnest(${emails.map((e) => e.contactId)}::uuid[], ${emails.map((e) => e.email)}::text[], ${emails.map((e) => e.primary)}::boolean[]) AS e(contact_id, email, is_primary)
      ON CONFLICT DO NOTHING`;
  }
  const phones = updates.flatMap((u) => (u.previous.addedPhones ?? []).map((e164) => ({ contactId: u.state.id, e164, primary: u.previous.primaryPhone === null })));
  if (phones.length > 0) {
    await db.$executeRaw`
      INSERT INTO contact_phones (id, organization_id, contact_id, e164, label, is_primary, created_at)
      SELECT gen_random_uuid(), ${organizationId}::uuid, p.contact_id, p.e164, 'mobile', p.is_primary, now()
      FROM unnest(${phones.map((p) => p.contactId)}::uuid[], ${phones.map((p) => p.e164)}::text[], ${phones.map((p) => p.primary)}::boolean[]) AS p(contact_id, e164, is_primary)
      ON CONFLICT DO NOTHING`;
  }
  await upsertCustomValues(
    db,
    organizationId,
    updates.flatMap((u) => Object.keys(u.previous.custom ?? {}).flatMap((fieldId) => {
      const value = u.next.custom.get(fieldId);
      return value ? [{ contactId: u.state.id, fieldId, value }] : [];
    })),
  );
}

/** Swaps a would-be company's ref for its id once it exists. */
function companyIdOf(ref: string | null, made: ReadonlyMap<string, string>): string | null {
  if (!ref || !ref.startsWith(NEW_COMPANY)) return ref;
  return made.get(ref.slice(NEW_COMPANY.length)) ?? null;
}

/**
 * Writes one chunk, set-based, in the caller's (RLS) transaction: new contacts with their emails,
 * phones and custom values in one INSERT … SELECT FROM unnest per table; updates in one UPDATE …
 * FROM unnest; then the undo records, the list, the timeline and the duplicate flags. A create
 * that loses a race for an email or external id (another writer committed it after we looked)
 * rolls back to the savepoint and the chunk is planned again — those rows are updates now.
 */
export async function writeChunk(db: TenantDb, setup: ImportSetup, importId: string, rows: readonly ImportRow[]): Promise<ChunkResult> {
  const { organizationId } = setup;
  for (let attempt = 0; ; attempt++) {
    const plan = await planChunk(db, setup, rows, { lock: true, importId });
    const creates = plan.decisions.filter((d): d is Extract<Decision, { kind: "create" }> => d.kind === "create");
    const updates = plan.decisions.filter((d): d is Extract<Decision, { kind: "update" }> => d.kind === "update");
    const skipped = plan.decisions.length - creates.length - updates.length;
    // Only companies a written row will point at are created.
    const neededRefs = new Set<string>();
    for (const d of creates) if (d.companyRef?.startsWith(NEW_COMPANY)) neededRefs.add(d.companyRef.slice(NEW_COMPANY.length));
    for (const d of updates) if (d.next.companyId?.startsWith(NEW_COMPANY)) neededRefs.add(d.next.companyId.slice(NEW_COMPANY.length));
    const wants = [...neededRefs].flatMap((key) => {
      const want = plan.newCompanies.get(key);
      return want ? [want] : [];
    });
    await db.$executeRaw`SAVEPOINT import_chunk`;
    const made = await ensureCompanies(db, organizationId, wants, setup.rules.ownerUserId);
    const createRows: CreateRow[] = creates.map((d) => ({ id: randomUUID(), row: d.row, companyId: companyIdOf(d.companyRef, made) }));
    for (const u of updates) {
      u.next.companyId = companyIdOf(u.next.companyId, made);
      if (u.previous.companyId !== undefined && u.next.companyId === u.state.companyId) delete u.previous.companyId;
    }
    const { lost } = await insertCreates(db, setup, createRows);
    if (lost) {
      await db.$executeRaw`ROLLBACK TO SAVEPOINT import_chunk`;
      if (attempt >= 3) throw new Error("contacts with the same emails kept being created while importing: the chunk is retried");
      continue;
    }
    await db.$executeRaw`RELEASE SAVEPOINT import_chunk`;
    await applyUpdates(db, setup, updates);

    const created = createRows.map((c) => c.id);
    const updated = updates.map((u) => u.state.id);
    const changes = [...created.map((id) => ({ id, kind: "created", previous: "{}" })), ...updates.map((u) => ({ id: u.state.id, kind: "updated", previous: JSON.stringify(u.previous) }))];
    if (changes.length > 0) {
      await db.$executeRaw`
        INSERT INTO contact_import_changes (organization_id, import_id, contact_id, kind, previous, created_at)
        SELECT ${organizationId}::uuid, ${importId}::uuid, c.contact_id, c.kind, c.previous::jsonb, now()
        FROM unnest(${changes.map((c) => c.id)}::uuid[], ${changes.map((c) => c.kind)}::text[], ${changes.map((c) => c.previous)}::text[]) AS c(contact_id, kind, previous)
        ON CONFLICT DO NOTHING`;
    }
    const listMembers = [...created, ...updates.filter((u) => u.previous.listAdded).map((u) => u.state.id)];
    if (setup.rules.listId && listMembers.length > 0) {
      await db.$executeRaw`
        INSERT INTO contact_list_members (organization_id, list_id, contact_id, source, added_at)
        SELECT ${organizationId}::uuid, ${setup.rules.listId}::uuid, m.contact_id, 'import', now() FROM unnest(${listMembers}::uuid[]) AS m(contact_id)
        ON CONFLICT DO NOTHING`;
    }
    const actorLabel = `Import of ${setup.fileName}`.slice(0, 300);
    await recordActivities(db, organizationId, [
      ...created.map((contactId) => ({ kind: "IMPORTED" as const, contactId, actorLabel, payload: { importId, fileName: setup.fileName.slice(0, 300), kind: "created" as const } })),
      ...updated.map((contactId) => ({ kind: "IMPORTED" as const, contactId, actorLabel, payload: { importId, fileName: setup.fileName.slice(0, 300), kind: "updated" as const } })),
    ]);
    await flagExactDuplicates(db, organizationId, [
      ...createRows.map((c) => ({ id: c.id, phone: c.row.phone })),
      ...updates.filter((u) => u.previous.primaryPhone !== undefined).map((u) => ({ id: u.state.id, phone: u.next.primaryPhone })),
    ]);
    return { created, updated, skipped, errors: plan.errors };
  }
}

/** Which of `ids` this import already changed (an earlier chunk): a row matching one is not applied twice. */
async function touchedContacts(db: TenantDb, organizationId: string, importId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.$queryRaw<{ contact_id: string }[]>`
    SELECT contact_id FROM contact_import_changes WHERE organization_id = ${organizationId}::uuid AND import_id = ${importId}::uuid AND contact_id = ANY(${ids}::uuid[])`;
  return new Set(rows.map((r) => r.contact_id));
}
