import type { TenantDb } from "@mg/db";
import { restoreScoresOnUndo } from "../../scoring/merge";
import { recordActivity } from "../timeline";
import { lockContacts, MergeRefused, type ContactSnapshot, type MergeSnapshot } from "./merge-contacts";

async function restoreFields(db: TenantDb, organizationId: string, c: ContactSnapshot, live: boolean): Promise<void> {
  // An external id someone else took since the merge stays theirs: this contact comes back without its key.
  const key = c.externalIdKey;
  const taken = key
    ? await db.$queryRaw<{ id: string }[]>`SELECT id FROM contacts WHERE organization_id = ${organizationId}::uuid AND external_id_key = ${key} AND id <> ${c.id}::uuid`
    : [];
  const externalIdKey = taken.length > 0 ? null : key;
  await db.$executeRaw`
    UPDATE contacts SET first_name = ${c.firstName}, last_name = ${c.lastName}, name_key = ${c.nameKey}, primary_email = ${c.primaryEmail}, primary_phone = ${c.primaryPhone},
      job_title = ${c.jobTitle}, company_id = ${c.companyId}::uuid, owner_user_id = ${c.ownerUserId}::uuid, lifecycle_stage = ${c.lifecycleStage}::"LifecycleStage",
      source = ${c.source}, external_id = ${c.externalId}, external_id_key = ${externalIdKey}, tags = ${c.tags}::text[], score = ${c.score},
      merged_into_id = CASE WHEN ${live} THEN NULL ELSE merged_into_id END, deleted_at = CASE WHEN ${live} THEN NULL ELSE deleted_at END, updated_at = now()
    WHERE organization_id = ${organizationId}::uuid AND id = ${c.id}::uuid`;
}

/**
 * Undoes a merge: the merged contacts come back (tombstones lifted, fields as they were), every
 * row that moved goes back to its contact, rows removed as collisions are written again, and the
 * survivor gets its fields from before. What was added to the survivor since the merge (a new
 * note, a task) stays with it. A "merged (undone)" event is written: the timeline is append-only.
 */
export async function undoMerge(db: TenantDb, organizationId: string, mergeId: string, actorUserId: string | null): Promise<{ survivorId: string; restoredIds: string[] }> {
  const record = await db.crmMerge.findFirst({ where: { id: mergeId, object: "CONTACT" } });
  if (!record) throw new MergeRefused("Merge not found.", "NOT_FOUND");
  if (record.undoneAt) throw new MergeRefused("This merge was undone already.", "CONFLICT");
  const snapshot = record.snapshot as unknown as MergeSnapshot;
  const s = record.survivorId;
  const rows = await lockContacts(db, organizationId, [s, ...record.mergedIds]);
  const survivor = rows.find((r) => r.id === s);
  if (!survivor || survivor.deleted_at || survivor.merged_into_id) throw new MergeRefused("The surviving contact was deleted or merged since: this merge can no longer be undone.", "CONFLICT");
  if (record.mergedIds.some((id) => rows.find((r) => r.id === id)?.merged_into_id !== s)) {
    throw new MergeRefused("A merged contact changed since: this merge can no longer be undone.", "CONFLICT");
  }
  const later = await db.crmMerge.findFirst({ where: { survivorId: s, undoneAt: null, createdAt: { gt: record.createdAt } }, select: { id: true } });
  if (later) throw new MergeRefused("A later merge into this contact must be undone first.", "CONFLICT");

  const { moved, removed } = snapshot;
  const org = organizationId;
  for (const e of moved.emails) await db.$executeRaw`UPDATE contact_emails SET contact_id = ${e.from}::uuid, is_primary = ${e.isPrimary} WHERE organization_id = ${org}::uuid AND id = ${e.id}::uuid AND contact_id = ${s}::uuid`;
  for (const p of moved.phones) await db.$executeRaw`UPDATE contact_phones SET contact_id = ${p.from}::uuid, is_primary = ${p.isPrimary} WHERE organization_id = ${org}::uuid AND id = ${p.id}::uuid AND contact_id = ${s}::uuid`;
  for (const c of moved.consents) await db.$executeRaw`UPDATE consent_records SET contact_id = ${c.from}::uuid WHERE organization_id = ${org}::uuid AND id = ${c.id}::uuid AND contact_id = ${s}::uuid`;
  for (const a of moved.activities) await db.$executeRaw`UPDATE activities SET contact_id = ${a.from}::uuid WHERE organization_id = ${org}::uuid AND id = ${a.id}::uuid AND contact_id = ${s}::uuid`;
  for (const t of moved.tasks) await db.$executeRaw`UPDATE tasks SET contact_id = ${t.from}::uuid, updated_at = now() WHERE organization_id = ${org}::uuid AND id = ${t.id}::uuid AND contact_id = ${s}::uuid`;
  for (const d of moved.deals) await db.$executeRaw`UPDATE deal_contacts SET contact_id = ${d.from}::uuid WHERE organization_id = ${org}::uuid AND deal_id = ${d.dealId}::uuid AND contact_id = ${s}::uuid`;
  for (const l of moved.lists) await db.$executeRaw`UPDATE contact_list_members SET contact_id = ${l.from}::uuid WHERE organization_id = ${org}::uuid AND list_id = ${l.listId}::uuid AND contact_id = ${s}::uuid`;
  for (const v of moved.fieldValues) await db.$executeRaw`UPDATE custom_field_values SET contact_id = ${v.from}::uuid, updated_at = now() WHERE organization_id = ${org}::uuid AND id = ${v.id}::uuid AND contact_id = ${s}::uuid`;
  for (const c of moved.importChanges) await db.$executeRaw`UPDATE contact_import_changes SET contact_id = ${c.from}::uuid WHERE organization_id = ${org}::uuid AND import_id = ${c.importId}::uuid AND contact_id = ${s}::uuid`;

  for (const p of removed.phones) {
    await db.$executeRaw`INSERT INTO contact_phones (id, organization_id, contact_id, e164, label, is_primary, created_at)
      VALUES (${p.id}::uuid, ${org}::uuid, ${p.contactId}::uuid, ${p.e164}, ${p.label}, ${p.isPrimary}, ${p.createdAt}::timestamptz AT TIME ZONE 'UTC') ON CONFLICT DO NOTHING`;
  }
  for (const d of removed.deals) {
    await db.$executeRaw`INSERT INTO deal_contacts (organization_id, deal_id, contact_id, created_at)
      SELECT ${org}::uuid, ${d.dealId}::uuid, ${d.contactId}::uuid, ${d.createdAt}::timestamptz AT TIME ZONE 'UTC'
      WHERE EXISTS (SELECT 1 FROM deals WHERE organization_id = ${org}::uuid AND id = ${d.dealId}::uuid) ON CONFLICT DO NOTHING`;
  }
  for (const l of removed.lists) {
    await db.$executeRaw`INSERT INTO contact_list_members (organization_id, list_id, contact_id, source, added_at)
      SELECT ${org}::uuid, ${l.listId}::uuid, ${l.contactId}::uuid, ${l.source}, ${l.addedAt}::timestamptz AT TIME ZONE 'UTC'
      WHERE EXISTS (SELECT 1 FROM contact_lists WHERE organization_id = ${org}::uuid AND id = ${l.listId}::uuid) ON CONFLICT DO NOTHING`;
  }
  for (const v of removed.fieldValues) {
    await db.$executeRaw`INSERT INTO custom_field_values (id, organization_id, field_id, contact_id, value_text, value_number, value_date, value_bool, value_options, updated_at)
      SELECT ${v.id}::uuid, ${org}::uuid, ${v.fieldId}::uuid, ${v.contactId}::uuid, ${v.valueText}, ${v.valueNumber}::numeric, ${v.valueDate}::timestamptz AT TIME ZONE 'UTC', ${v.valueBool}, ${v.valueOptions}::text[], now()
      WHERE EXISTS (SELECT 1 FROM custom_field_definitions WHERE organization_id = ${org}::uuid AND id = ${v.fieldId}::uuid) ON CONFLICT DO NOTHING`;
  }
  for (const c of removed.importChanges) {
    await db.$executeRaw`INSERT INTO contact_import_changes (organization_id, import_id, contact_id, kind, previous, created_at)
      SELECT ${org}::uuid, ${c.importId}::uuid, ${c.contactId}::uuid, ${c.kind}, ${JSON.stringify(c.previous ?? {})}::jsonb, ${c.createdAt}::timestamptz AT TIME ZONE 'UTC'
      WHERE EXISTS (SELECT 1 FROM contact_imports WHERE organization_id = ${org}::uuid AND id = ${c.importId}::uuid) ON CONFLICT DO NOTHING`;
  }

  // The survivor first: it may hold a merged contact's external id, which must be free again.
  await restoreFields(db, org, snapshot.survivorBefore, false);
  for (const c of snapshot.merged) await restoreFields(db, org, c, true);
  await db.$executeRaw`
    UPDATE contact_emails SET is_primary = (email = ${snapshot.survivorBefore.primaryEmail}) WHERE organization_id = ${org}::uuid AND contact_id = ${s}::uuid`;
  await db.$executeRaw`
    UPDATE duplicate_candidates SET status = 'OPEN'::"DuplicateStatus", updated_at = now()
    WHERE organization_id = ${org}::uuid AND object = 'CONTACT' AND status = 'MERGED'
      AND record_a_id = ANY(${[s, ...record.mergedIds]}::uuid[]) AND record_b_id = ANY(${[s, ...record.mergedIds]}::uuid[])`;
  await restoreScoresOnUndo(db, org, s, moved.scoreLedger ?? [], record.mergedIds);
  await db.crmMerge.update({ where: { organizationId_id: { organizationId: org, id: record.id } }, data: { undoneAt: new Date() } });
  const names = snapshot.merged.map((c) => [c.firstName, c.lastName].filter(Boolean).join(" ") || c.primaryEmail || "(no name)").map((n) => n.slice(0, 300));
  await recordActivity(db, org, { kind: "MERGED", contactId: s, actorUserId, payload: { mergeId: record.id, mergedIds: record.mergedIds, names, undone: true } });
  return { survivorId: s, restoredIds: record.mergedIds };
}
