import type { TenantDb } from "@mg/db";
import { recordActivity } from "../timeline";
import { MergeRefused } from "./merge-contacts";

/** The company fields whose surviving value is picked per field. */
export const COMPANY_MERGE_FIELDS = ["name", "domain", "industry", "size", "country", "address", "ownerUserId"] as const;
export type CompanyMergeField = (typeof COMPANY_MERGE_FIELDS)[number];

interface CompanyRow {
  id: string;
  name: string;
  domain: string | null;
  domain_key: string | null;
  industry: string | null;
  size: string | null;
  country: string | null;
  address: unknown;
  owner_user_id: string | null;
  merged_into_id: string | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface CompanySnapshot {
  id: string;
  name: string;
  domain: string | null;
  domainKey: string | null;
  industry: string | null;
  size: string | null;
  country: string | null;
  address: unknown;
  ownerUserId: string | null;
}

export interface CompanyMergeSnapshot {
  survivorBefore: CompanySnapshot;
  merged: CompanySnapshot[];
  moved: { contacts: { id: string; from: string }[]; deals: { id: string; from: string }[]; tasks: { id: string; from: string }[]; activities: { id: string; from: string }[]; fieldValues: { id: string; from: string }[] };
  removed: { fieldValues: { id: string; fieldId: string; companyId: string; valueText: string | null; valueNumber: string | null; valueDate: string | null; valueBool: boolean | null; valueOptions: string[] }[] };
}

const COLUMN: Record<CompanyMergeField, keyof CompanyRow> = {
  name: "name",
  domain: "domain",
  industry: "industry",
  size: "size",
  country: "country",
  address: "address",
  ownerUserId: "owner_user_id",
};

function snapshotOf(r: CompanyRow): CompanySnapshot {
  return { id: r.id, name: r.name, domain: r.domain, domainKey: r.domain_key, industry: r.industry, size: r.size, country: r.country, address: r.address, ownerUserId: r.owner_user_id };
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (typeof v === "object" && Object.keys(v as object).length === 0);

async function lockCompanies(db: TenantDb, organizationId: string, ids: readonly string[]): Promise<CompanyRow[]> {
  const list = [...ids];
  return db.$queryRaw<CompanyRow[]>`
    SELECT id, name, domain, domain_key, industry, size, country, address, owner_user_id, merged_into_id, deleted_at, created_at, updated_at
    FROM companies WHERE organization_id = ${organizationId}::uuid AND id = ANY(${list}::uuid[]) ORDER BY id FOR UPDATE`;
}

/** Re-points the rows of `table` from the merged companies to the survivor, returning each row's former company. */
async function repoint(db: TenantDb, organizationId: string, table: "contacts" | "deals" | "tasks" | "activities", survivor: string, merged: string[]) {
  // Table names cannot be parameters; each is a literal from the union above.
  switch (table) {
    case "contacts":
      return db.$queryRaw<{ id: string; from: string }[]>`
        WITH old AS (SELECT id, company_id FROM contacts WHERE organization_id = ${organizationId}::uuid AND company_id = ANY(${merged}::uuid[]) ORDER BY id FOR UPDATE)
        UPDATE contacts t SET company_id = ${survivor}::uuid, updated_at = now() FROM old WHERE t.organization_id = ${organizationId}::uuid AND t.id = old.id RETURNING t.id, old.company_id AS "from"`;
    case "deals":
      return db.$queryRaw<{ id: string; from: string }[]>`
        WITH old AS (SELECT id, company_id FROM deals WHERE organization_id = ${organizationId}::uuid AND company_id = ANY(${merged}::uuid[]))
        UPDATE deals t SET company_id = ${survivor}::uuid, updated_at = now() FROM old WHERE t.organization_id = ${organizationId}::uuid AND t.id = old.id RETURNING t.id, old.company_id AS "from"`;
    case "tasks":
      return db.$queryRaw<{ id: string; from: string }[]>`
        WITH old AS (SELECT id, company_id FROM tasks WHERE organization_id = ${organizationId}::uuid AND company_id = ANY(${merged}::uuid[]))
        UPDATE tasks t SET company_id = ${survivor}::uuid, updated_at = now() FROM old WHERE t.organization_id = ${organizationId}::uuid AND t.id = old.id RETURNING t.id, old.company_id AS "from"`;
    case "activities":
      return db.$queryRaw<{ id: string; from: string }[]>`
        WITH old AS (SELECT id, company_id FROM activities WHERE organization_id = ${organizationId}::uuid AND company_id = ANY(${merged}::uuid[]))
        UPDATE activities t SET company_id = ${survivor}::uuid FROM old WHERE t.organization_id = ${organizationId}::uuid AND t.id = old.id RETURNING t.id, old.company_id AS "from"`;
  }
}

/**
 * Merges companies into the oldest, like contacts: values per field (default newest non-empty),
 * contacts, deals, tasks, timeline and custom values moved (one value per field kept), tombstones
 * with the domain key cleared, a MERGED event and a snapshot for undo.
 */
export async function mergeCompanies(
  db: TenantDb,
  organizationId: string,
  input: { companyIds: readonly string[]; values?: Partial<Record<CompanyMergeField, string>>; actorUserId: string | null },
): Promise<{ mergeId: string; survivorId: string; mergedIds: string[] }> {
  const ids = [...new Set(input.companyIds)];
  if (ids.length < 2) throw new MergeRefused("Choose at least two companies to merge.", "BAD_REQUEST");
  const rows = await lockCompanies(db, organizationId, ids);
  if (rows.length !== ids.length) throw new MergeRefused("Company not found.", "NOT_FOUND");
  if (rows.some((r) => r.merged_into_id || r.deleted_at)) throw new MergeRefused("One of these companies was merged or deleted meanwhile: reload and try again.", "CONFLICT");
  for (const [field, id] of Object.entries(input.values ?? {})) {
    if (id && !ids.includes(id)) throw new MergeRefused(`The value for ${field} must come from one of the merged companies.`, "BAD_REQUEST");
  }
  const byAge = [...rows].sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
  const survivor = byAge[0];
  if (!survivor) throw new MergeRefused("Company not found.", "NOT_FOUND");
  const merged = byAge.slice(1);
  const m = merged.map((r) => r.id);
  const s = survivor.id;
  const newestFirst = [...rows].sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime() || b.id.localeCompare(a.id));
  const next: Record<string, unknown> = {};
  for (const field of COMPANY_MERGE_FIELDS) {
    const pick = input.values?.[field];
    const source = pick ? rows.find((r) => r.id === pick) : (newestFirst.find((r) => !isEmpty(r[COLUMN[field]])) ?? survivor);
    next[field] = (source ?? survivor)[COLUMN[field]];
  }
  const snapshot: CompanyMergeSnapshot = {
    survivorBefore: snapshotOf(survivor),
    merged: merged.map(snapshotOf),
    moved: { contacts: [], deals: [], tasks: [], activities: [], fieldValues: [] },
    removed: { fieldValues: [] },
  };
  await db.$executeRaw`
    UPDATE companies SET merged_into_id = ${s}::uuid, deleted_at = now(), domain_key = NULL, updated_at = now()
    WHERE organization_id = ${organizationId}::uuid AND id = ANY(${m}::uuid[])`;
  snapshot.moved.contacts = await repoint(db, organizationId, "contacts", s, m);
  snapshot.moved.deals = await repoint(db, organizationId, "deals", s, m);
  snapshot.moved.tasks = await repoint(db, organizationId, "tasks", s, m);
  snapshot.moved.activities = await repoint(db, organizationId, "activities", s, m);

  const values = await db.$queryRaw<{ id: string; field_id: string; company_id: string; value_text: string | null; value_number: string | null; value_date: Date | null; value_bool: boolean | null; value_options: string[] }[]>`
    SELECT id, field_id, company_id, value_text, value_number::text AS value_number, value_date, value_bool, value_options FROM custom_field_values
    WHERE organization_id = ${organizationId}::uuid AND company_id = ANY(${ids}::uuid[])`;
  const rank = new Map(newestFirst.map((r, i) => [r.id, i]));
  const fields = new Set(values.map((v) => v.field_id));
  for (const fieldId of fields) {
    const list = values.filter((v) => v.field_id === fieldId).sort((a, b) => (rank.get(a.company_id) ?? 0) - (rank.get(b.company_id) ?? 0));
    const keep = list[0];
    for (const v of list.slice(1)) {
      snapshot.removed.fieldValues.push({ id: v.id, fieldId, companyId: v.company_id, valueText: v.value_text, valueNumber: v.value_number, valueDate: v.value_date?.toISOString() ?? null, valueBool: v.value_bool, valueOptions: v.value_options });
      await db.$executeRaw`DELETE FROM custom_field_values WHERE organization_id = ${organizationId}::uuid AND id = ${v.id}::uuid`;
    }
    if (keep && keep.company_id !== s) {
      await db.$executeRaw`UPDATE custom_field_values SET company_id = ${s}::uuid, updated_at = now() WHERE organization_id = ${organizationId}::uuid AND id = ${keep.id}::uuid`;
      snapshot.moved.fieldValues.push({ id: keep.id, from: keep.company_id });
    }
  }

  const domain = next.domain as string | null;
  await db.$executeRaw`
    UPDATE companies SET name = ${next.name as string}, domain = ${domain}, domain_key = ${domain}, industry = ${next.industry as string | null}, size = ${next.size as string | null},
      country = ${next.country as string | null}, address = ${JSON.stringify(next.address ?? {})}::jsonb, owner_user_id = ${next.ownerUserId as string | null}::uuid, updated_at = now()
    WHERE organization_id = ${organizationId}::uuid AND id = ${s}::uuid`;
  const record = await db.crmMerge.create({
    data: { organizationId, object: "COMPANY", survivorId: s, mergedIds: m, snapshot: JSON.parse(JSON.stringify(snapshot)) as object, createdById: input.actorUserId },
    select: { id: true },
  });
  await recordActivity(db, organizationId, { kind: "MERGED", companyId: s, actorUserId: input.actorUserId, payload: { mergeId: record.id, mergedIds: m, names: merged.map((r) => r.name.slice(0, 300)) } });
  return { mergeId: record.id, survivorId: s, mergedIds: m };
}

/** Undoes a company merge from its snapshot (the survivor's fields first: it may hold a merged company's domain). */
export async function undoCompanyMerge(db: TenantDb, organizationId: string, mergeId: string, actorUserId: string | null): Promise<{ survivorId: string; restoredIds: string[] }> {
  const record = await db.crmMerge.findFirst({ where: { id: mergeId, object: "COMPANY" } });
  if (!record) throw new MergeRefused("Merge not found.", "NOT_FOUND");
  if (record.undoneAt) throw new MergeRefused("This merge was undone already.", "CONFLICT");
  const snapshot = record.snapshot as unknown as CompanyMergeSnapshot;
  const s = record.survivorId;
  const rows = await lockCompanies(db, organizationId, [s, ...record.mergedIds]);
  const survivor = rows.find((r) => r.id === s);
  if (!survivor || survivor.deleted_at || survivor.merged_into_id) throw new MergeRefused("The surviving company was deleted or merged since: this merge can no longer be undone.", "CONFLICT");
  if (record.mergedIds.some((id) => rows.find((r) => r.id === id)?.merged_into_id !== s)) throw new MergeRefused("A merged company changed since: this merge can no longer be undone.", "CONFLICT");
  const org = organizationId;
  for (const r of snapshot.moved.contacts) await db.$executeRaw`UPDATE contacts SET company_id = ${r.from}::uuid, updated_at = now() WHERE organization_id = ${org}::uuid AND id = ${r.id}::uuid AND company_id = ${s}::uuid`;
  for (const r of snapshot.moved.deals) await db.$executeRaw`UPDATE deals SET company_id = ${r.from}::uuid, updated_at = now() WHERE organization_id = ${org}::uuid AND id = ${r.id}::uuid AND company_id = ${s}::uuid`;
  for (const r of snapshot.moved.tasks) await db.$executeRaw`UPDATE tasks SET company_id = ${r.from}::uuid, updated_at = now() WHERE organization_id = ${org}::uuid AND id = ${r.id}::uuid AND company_id = ${s}::uuid`;
  for (const r of snapshot.moved.activities) await db.$executeRaw`UPDATE activities SET company_id = ${r.from}::uuid WHERE organization_id = ${org}::uuid AND id = ${r.id}::uuid AND company_id = ${s}::uuid`;
  for (const r of snapshot.moved.fieldValues) await db.$executeRaw`UPDATE custom_field_values SET company_id = ${r.from}::uuid, updated_at = now() WHERE organization_id = ${org}::uuid AND id = ${r.id}::uuid AND company_id = ${s}::uuid`;
  for (const v of snapshot.removed.fieldValues) {
    await db.$executeRaw`INSERT INTO custom_field_values (id, organization_id, field_id, company_id, value_text, value_number, value_date, value_bool, value_options, updated_at)
      SELECT ${v.id}::uuid, ${org}::uuid, ${v.fieldId}::uuid, ${v.companyId}::uuid, ${v.valueText}, ${v.valueNumber}::numeric, ${v.valueDate}::timestamptz AT TIME ZONE 'UTC', ${v.valueBool}, ${v.valueOptions}::text[], now()
      WHERE EXISTS (SELECT 1 FROM custom_field_definitions WHERE organization_id = ${org}::uuid AND id = ${v.fieldId}::uuid) ON CONFLICT DO NOTHING`;
  }
  for (const c of [snapshot.survivorBefore, ...snapshot.merged]) {
    const live = c.id !== s;
    const taken = c.domainKey
      ? await db.$queryRaw<{ id: string }[]>`SELECT id FROM companies WHERE organization_id = ${org}::uuid AND domain_key = ${c.domainKey} AND id <> ${c.id}::uuid`
      : [];
    const domainKey = taken.length > 0 ? null : c.domainKey;
    await db.$executeRaw`
      UPDATE companies SET name = ${c.name}, domain = ${c.domain}, domain_key = ${domainKey}, industry = ${c.industry}, size = ${c.size}, country = ${c.country},
        address = ${JSON.stringify(c.address ?? {})}::jsonb, owner_user_id = ${c.ownerUserId}::uuid,
        merged_into_id = CASE WHEN ${live} THEN NULL ELSE merged_into_id END, deleted_at = CASE WHEN ${live} THEN NULL ELSE deleted_at END, updated_at = now()
      WHERE organization_id = ${org}::uuid AND id = ${c.id}::uuid`;
  }
  await db.crmMerge.update({ where: { organizationId_id: { organizationId: org, id: record.id } }, data: { undoneAt: new Date() } });
  await recordActivity(db, org, { kind: "MERGED", companyId: s, actorUserId, payload: { mergeId: record.id, mergedIds: record.mergedIds, names: snapshot.merged.map((c) => c.name.slice(0, 300)), undone: true } });
  return { survivorId: s, restoredIds: record.mergedIds };
}
