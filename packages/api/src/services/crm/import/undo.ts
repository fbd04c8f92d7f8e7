import { withOrg, type ContactImportStatus, type TenantDb } from "@mg/db";
import { nameKey } from "../normalize";
import type { PreviousValues } from "./decide";
import type { TypedValue } from "./rows";

/** Change rows undone per transaction. */
export const UNDO_CHUNK = 2_000;

export interface UndoResult {
  /** Contacts the import created and undo removed. */
  removed: number;
  /** Contacts the import updated whose fields were put back. */
  restored: number;
  /**
   * Contacts left as they are because someone worked on them after the import (edited, merged,
   * deleted, or given a task or deal): removing or rewinding them would lose that work.
   */
  kept: number;
}

export class UndoRefused extends Error {}

interface ChangeRow {
  contact_id: string;
  kind: string;
  previous: PreviousValues;
  changed_at: Date;
  updated_at: Date;
  live: boolean;
  worked_on: boolean;
}

/**
 * One chunk of an undo, in one transaction: the import's oldest remaining change rows with their
 * contacts locked (id order, like merges and imports). A change row goes once it is undone, so an
 * undo that stops half-way continues where it was when called again.
 */
async function undoChunk(db: TenantDb, organizationId: string, importId: string, listId: string | null, limit: number): Promise<UndoResult & { more: boolean }> {
  const changes = await db.$queryRaw<ChangeRow[]>`
    SELECT ch.contact_id, ch.kind, ch.previous, ch.created_at AS changed_at, c.updated_at,
           (c.deleted_at IS NULL AND c.merged_into_id IS NULL) AS live,
           (EXISTS (SELECT 1 FROM tasks t WHERE t.organization_id = c.organization_id AND t.contact_id = c.id)
            OR EXISTS (SELECT 1 FROM deal_contacts d WHERE d.organization_id = c.organization_id AND d.contact_id = c.id)
            OR EXISTS (SELECT 1 FROM activities a WHERE a.organization_id = c.organization_id AND a.contact_id = c.id AND a.kind <> 'IMPORTED')) AS worked_on
    FROM contact_import_changes ch
    JOIN contacts c ON c.organization_id = ch.organization_id AND c.id = ch.contact_id
    WHERE ch.organization_id = ${organizationId}::uuid AND ch.import_id = ${importId}::uuid
    ORDER BY ch.contact_id
    LIMIT ${limit}
    FOR UPDATE OF c`;
  // The import wrote updated_at = its transaction's now(), the change row's created_at too; any later edit is newer.
  const untouched = (c: ChangeRow) => c.live && c.updated_at.getTime() <= c.changed_at.getTime();
  const remove = changes.filter((c) => c.kind === "created" && untouched(c) && !c.worked_on).map((c) => c.contact_id);
  const restore = changes.filter((c) => c.kind === "updated" && untouched(c));
  const kept = changes.length - remove.length - restore.length;

  if (remove.length > 0) {
    await db.$executeRaw`
      DELETE FROM duplicate_candidates WHERE organization_id = ${organizationId}::uuid AND (record_a_id = ANY(${remove}::uuid[]) OR record_b_id = ANY(${remove}::uuid[]))`;
    // Cascades to its emails, phones, custom values, list memberships, timeline and change row.
    await db.$executeRaw`DELETE FROM contacts WHERE organization_id = ${organizationId}::uuid AND id = ANY(${remove}::uuid[])`;
  }
  for (const change of restore) await restoreContact(db, organizationId, change.contact_id, change.previous, listId);
  const done = changes.map((c) => c.contact_id);
  if (done.length > 0) {
    await db.$executeRaw`
      DELETE FROM contact_import_changes WHERE organization_id = ${organizationId}::uuid AND import_id = ${importId}::uuid AND contact_id = ANY(${done}::uuid[])`;
  }
  return { removed: remove.length, restored: restore.length, kept, more: changes.length === limit };
}

const EMPTY: TypedValue = { text: null, number: null, date: null, bool: null, options: [] };

/** Puts one updated contact's changed fields back as they were before the import. */
async function restoreContact(db: TenantDb, organizationId: string, contactId: string, previous: PreviousValues, listId: string | null): Promise<void> {
  const data: Record<string, unknown> = {};
  for (const field of ["firstName", "lastName", "jobTitle", "companyId", "ownerUserId", "lifecycleStage", "source", "externalId", "primaryEmail", "primaryPhone", "tags"] as const) {
    if (previous[field] !== undefined) data[field] = previous[field];
  }
  if (previous.externalId !== undefined) data.externalIdKey = previous.externalId ? previous.externalId.toLowerCase() : null;
  if (previous.firstName !== undefined || previous.lastName !== undefined) {
    const current = await db.contact.findFirst({ where: { id: contactId }, select: { firstName: true, lastName: true } });
    const first = previous.firstName !== undefined ? previous.firstName : (current?.firstName ?? null);
    const last = previous.lastName !== undefined ? previous.lastName : (current?.lastName ?? null);
    data.nameKey = nameKey(first, last);
  }
  if (Object.keys(data).length > 0) await db.contact.update({ where: { organizationId_id: { organizationId, id: contactId } }, data });
  if (previous.addedEmails?.length) await db.contactEmail.deleteMany({ where: { contactId, email: { in: previous.addedEmails } } });
  if (previous.addedPhones?.length) await db.contactPhone.deleteMany({ where: { contactId, e164: { in: previous.addedPhones } } });
  if (previous.listAdded && listId) await db.contactListMember.deleteMany({ where: { contactId, listId } });
  for (const [fieldId, value] of Object.entries(previous.custom ?? {})) {
    if (!value) {
      await db.customFieldValue.deleteMany({ where: { contactId, fieldId } });
      continue;
    }
    const v = { ...EMPTY, ...value };
    await db.customFieldValue.updateMany({
      where: { contactId, fieldId },
      data: { valueText: v.text, valueNumber: v.number, valueDate: v.date ? new Date(v.date) : null, valueBool: v.bool, valueOptions: v.options },
    });
  }
}

const UNDOABLE: ReadonlySet<ContactImportStatus> = new Set(["DONE", "CANCELLED", "FAILED"]);

/**
 * Undoes a whole import, chunk by chunk (each its own transaction, so 100,000 contacts never sit
 * in one): contacts it created are removed, contacts it updated get their previous values back,
 * and those someone worked on since are kept and counted.
 */
export async function undoContactImport(organizationId: string, importId: string, chunk = UNDO_CHUNK): Promise<UndoResult> {
  const record = await withOrg(organizationId, (db) => db.contactImport.findFirst({ where: { id: importId }, select: { status: true, listId: true } }));
  if (!record) throw new UndoRefused("Import not found.");
  if (record.status === "UNDONE") return { removed: 0, restored: 0, kept: 0 };
  if (!UNDOABLE.has(record.status)) throw new UndoRefused(record.status === "PREVIEWED" ? "This import has not run: there is nothing to undo." : "This import is still running: cancel it first, then undo.");
  const total: UndoResult = { removed: 0, restored: 0, kept: 0 };
  for (;;) {
    const part = await withOrg(organizationId, (db) => undoChunk(db, organizationId, importId, record.listId, chunk), { timeout: 120_000 });
    total.removed += part.removed;
    total.restored += part.restored;
    total.kept += part.kept;
    if (!part.more) break;
  }
  await withOrg(organizationId, (db) => db.contactImport.update({ where: { organizationId_id: { organizationId, id: importId } }, data: { status: "UNDONE", undoneAt: new Date() } }));
  return total;
}
