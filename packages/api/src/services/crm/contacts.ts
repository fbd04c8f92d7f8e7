import { TRPCError } from "@trpc/server";
import type { LifecycleStage, Prisma, TenantDb } from "@mg/db";
import { LIFECYCLE_LABELS, type ContactFilter } from "../../schemas/crm/contacts";
import type { CustomFieldValueInput } from "../../schemas/crm/custom-fields";
import { currentConsents, type CurrentConsent } from "./consent";
import { loadFieldDefinitions, readCustomFieldValues, writeCustomFieldValues, type FieldChange, type FieldDefinition } from "./custom-fields";
import { nameKey, normalizeEmail, normalizePhone, normalizeTag } from "./normalize";
import type { RecordVisibility } from "./record-visibility";
import { afterCursor, decodeCursor, pageOf, type SortValue, type SortValueKind } from "./records/keyset";
import { assertOwnerIsMember } from "./records/members";
import { rescoreFacts, rescoreFactsMany } from "../scoring/behaviour";
import { recordActivities, recordActivity, type ActivityInput } from "./timeline";

/**
 * Contacts: the rules every writer follows (the table, the 360° page, bulk actions). Emails are
 * normalized and unique among live contacts (contact_emails.email_key), phones are E.164 in the
 * organization's country, the owner is a member, and every change lands on the timeline.
 */
export interface CrmContext {
  /** The visibility-restricted client of crmProcedure. */
  db: TenantDb;
  org: { id: string; country: string | null; parentId: string | null };
  userId: string;
  visibility: RecordVisibility;
}

export const CONTACT_ROW_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  nameKey: true,
  primaryEmail: true,
  primaryPhone: true,
  jobTitle: true,
  companyId: true,
  company: { select: { id: true, name: true } },
  ownerUserId: true,
  lifecycleStage: true,
  tags: true,
  score: true,
  source: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function contactDisplayName(c: { firstName: string | null; lastName: string | null; primaryEmail?: string | null; primaryPhone?: string | null }): string {
  const name = [c.firstName, c.lastName].filter((p) => p && p.trim() !== "").join(" ");
  return name || c.primaryEmail || c.primaryPhone || "Unnamed contact";
}

const LIVE = { deletedAt: null, mergedIntoId: null } as const;

export function normalizeEmailList(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of raw) {
    const email = normalizeEmail(item);
    if (!email) throw new TRPCError({ code: "BAD_REQUEST", message: `"${item.trim()}" is not an email address.` });
    if (!out.includes(email)) out.push(email);
  }
  return out;
}

export function normalizePhoneList(raw: readonly { number: string; label?: string }[], country: string | null): { e164: string; label: string }[] {
  const out: { e164: string; label: string }[] = [];
  for (const item of raw) {
    const phone = normalizePhone(item.number, country);
    if (!phone.ok) throw new TRPCError({ code: "BAD_REQUEST", message: phone.reason });
    if (!out.some((p) => p.e164 === phone.e164)) out.push({ e164: phone.e164, label: item.label ?? "mobile" });
  }
  return out;
}

export function normalizeTagList(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (const item of raw) {
    const tag = normalizeTag(item);
    if (tag !== "" && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out;
}

/**
 * CONFLICT naming the live contact that already has one of `emails`. A contact the caller may not
 * see (own records only) is not named: only that the address is taken.
 */
export async function assertEmailsFree(ctx: CrmContext, emails: readonly string[], exceptContactId?: string): Promise<void> {
  if (emails.length === 0) return;
  const taken = await ctx.db.contactEmail.findFirst({
    where: { emailKey: { in: [...emails] }, ...(exceptContactId ? { contactId: { not: exceptContactId } } : {}) },
    select: { email: true, contactId: true, contact: { select: { firstName: true, lastName: true, primaryEmail: true, ownerUserId: true } } },
  });
  if (!taken) return;
  const visible = !ctx.visibility.ownOnly || taken.contact.ownerUserId === ctx.userId;
  throw new TRPCError({
    code: "CONFLICT",
    message: visible
      ? `${taken.email} already belongs to ${contactDisplayName(taken.contact)} (contact ${taken.contactId}).`
      : `${taken.email} already belongs to another contact in this organization.`,
  });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: unknown }).code === "P2002";
}

/**
 * The unique key on contact_emails decides when two writers race for one address (the check
 * above only gives the friendly answer first): the loser gets the same CONFLICT, in words.
 */
async function claimingEmails<T>(emails: readonly string[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: `${emails.join(", ")}: already belongs to another contact in this organization.`, cause: error });
    throw error;
  }
}

async function assertCompanyLive(ctx: CrmContext, companyId: string): Promise<{ id: string; name: string }> {
  const company = await ctx.db.company.findFirst({ where: { id: companyId, ...LIVE }, select: { id: true, name: true } });
  if (!company) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  return company;
}

/** Display names of members for the timeline's owner changes. */
async function memberNames(db: TenantDb, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const rows = await db.membership.findMany({ where: { userId: { in: ids } }, select: { user: { select: { id: true, name: true, email: true } } } });
  for (const r of rows) names.set(r.user.id, r.user.name ?? r.user.email);
  return names;
}

function fieldChanged(contactId: string, actorUserId: string, field: string, from: string | null, to: string | null, companyId?: string | null): ActivityInput<"FIELD_CHANGED"> {
  return { kind: "FIELD_CHANGED", payload: { field, from: from?.slice(0, 2000) ?? null, to: to?.slice(0, 2000) ?? null }, contactId, companyId: companyId ?? null, actorUserId };
}

function customChanges(contactId: string, actorUserId: string, changes: readonly FieldChange[]): ActivityInput<"FIELD_CHANGED">[] {
  return changes.map((c) => fieldChanged(contactId, actorUserId, c.label, c.from, c.to));
}

export interface ContactWrite {
  firstName?: string | null;
  lastName?: string | null;
  emails?: string[];
  phones?: { number: string; label?: string }[];
  jobTitle?: string | null;
  companyId?: string | null;
  ownerUserId?: string | null;
  lifecycleStage?: LifecycleStage;
  tags?: string[];
  customFields?: Record<string, CustomFieldValueInput>;
}

const emptyToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === "" ? null : v.trim());

export async function createContact(ctx: CrmContext, input: ContactWrite, options: { source?: string } = {}): Promise<{ id: string }> {
  const emails = normalizeEmailList(input.emails ?? []);
  const phones = normalizePhoneList(input.phones ?? [], ctx.org.country);
  await assertEmailsFree(ctx, emails);
  const company = input.companyId ? await assertCompanyLive(ctx, input.companyId) : null;
  // Unsaid, the creator owns the contact: with "own records only" on, anything else would vanish from their view.
  const ownerUserId = input.ownerUserId === undefined ? ctx.userId : input.ownerUserId;
  if (ownerUserId && ownerUserId !== ctx.userId) await assertOwnerIsMember(ctx.db, ctx.org, ownerUserId);
  const firstName = emptyToNull(input.firstName);
  const lastName = emptyToNull(input.lastName);
  if (!firstName && !lastName && emails.length === 0 && phones.length === 0) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Give the contact a name, an email address or a phone number." });
  }
  const source = options.source ?? "manual";
  const contact = await ctx.db.contact.create({
    data: {
      organizationId: ctx.org.id,
      firstName,
      lastName,
      nameKey: nameKey(firstName, lastName),
      primaryEmail: emails[0] ?? null,
      primaryPhone: phones[0]?.e164 ?? null,
      jobTitle: emptyToNull(input.jobTitle),
      companyId: company?.id ?? null,
      ownerUserId,
      lifecycleStage: input.lifecycleStage ?? "LEAD",
      source,
      tags: normalizeTagList(input.tags ?? []),
      createdById: ctx.userId,
      updatedById: ctx.userId,
    },
    select: { id: true },
  });
  if (emails.length > 0) {
    await claimingEmails(emails, () => ctx.db.contactEmail.createMany({ data: emails.map((email, i) => ({ organizationId: ctx.org.id, contactId: contact.id, email, emailKey: email, isPrimary: i === 0 })) }));
  }
  if (phones.length > 0) {
    await ctx.db.contactPhone.createMany({ data: phones.map((p, i) => ({ organizationId: ctx.org.id, contactId: contact.id, e164: p.e164, label: p.label, isPrimary: i === 0 })) });
  }
  if (input.customFields && Object.keys(input.customFields).length > 0) {
    await writeCustomFieldValues(ctx.db, ctx.org.id, "CONTACT", contact.id, input.customFields, { country: ctx.org.country });
  }
  await recordActivity(ctx.db, ctx.org.id, { kind: "CONTACT_CREATED", payload: { source }, contactId: contact.id, companyId: company?.id ?? null, actorUserId: ctx.userId });
  // Fact rules (lead scoring) in the same transaction: the new contact's score is right at once.
  await rescoreFacts(ctx.db, ctx.org.id, contact.id);
  return contact;
}

export async function findLiveContact(ctx: CrmContext, contactId: string) {
  const contact = await ctx.db.contact.findFirst({
    where: { id: contactId, ...LIVE },
    select: { ...CONTACT_ROW_SELECT, emails: { orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }], select: { id: true, email: true, isPrimary: true } }, phones: { orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }], select: { id: true, e164: true, label: true, isPrimary: true } } },
  });
  if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  return contact;
}

export async function updateContact(ctx: CrmContext, contactId: string, input: ContactWrite): Promise<{ id: string; changed: string[] }> {
  const existing = await findLiveContact(ctx, contactId);
  const data: Prisma.ContactUncheckedUpdateInput = {};
  const events: ActivityInput<"FIELD_CHANGED">[] = [];
  const changed = (field: string, from: string | null, to: string | null) => {
    if (from !== to) events.push(fieldChanged(contactId, ctx.userId, field, from, to));
  };

  const firstName = input.firstName === undefined ? existing.firstName : emptyToNull(input.firstName);
  const lastName = input.lastName === undefined ? existing.lastName : emptyToNull(input.lastName);
  if (firstName !== existing.firstName || lastName !== existing.lastName) {
    data.firstName = firstName;
    data.lastName = lastName;
    data.nameKey = nameKey(firstName, lastName);
    changed("First name", existing.firstName, firstName);
    changed("Last name", existing.lastName, lastName);
  }

  if (input.emails !== undefined) {
    const emails = normalizeEmailList(input.emails);
    await assertEmailsFree(ctx, emails, contactId);
    const before = existing.emails.map((e) => e.email);
    if (emails.join("\n") !== before.join("\n")) {
      await ctx.db.contactEmail.deleteMany({ where: { contactId, email: { notIn: emails } } });
      for (const [i, email] of emails.entries()) {
        const row = existing.emails.find((e) => e.email === email);
        if (row) await ctx.db.contactEmail.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: row.id } }, data: { isPrimary: i === 0 } });
        else await claimingEmails([email], () => ctx.db.contactEmail.create({ data: { organizationId: ctx.org.id, contactId, email, emailKey: email, isPrimary: i === 0 } }));
      }
      data.primaryEmail = emails[0] ?? null;
      changed("Email", before.join(", ") || null, emails.join(", ") || null);
    }
  }

  if (input.phones !== undefined) {
    const phones = normalizePhoneList(input.phones, ctx.org.country);
    const before = existing.phones.map((p) => `${p.e164}:${p.label}`);
    if (phones.map((p) => `${p.e164}:${p.label}`).join("\n") !== before.join("\n")) {
      await ctx.db.contactPhone.deleteMany({ where: { contactId, e164: { notIn: phones.map((p) => p.e164) } } });
      for (const [i, phone] of phones.entries()) {
        const row = existing.phones.find((p) => p.e164 === phone.e164);
        if (row) await ctx.db.contactPhone.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: row.id } }, data: { isPrimary: i === 0, label: phone.label } });
        else await ctx.db.contactPhone.create({ data: { organizationId: ctx.org.id, contactId, e164: phone.e164, label: phone.label, isPrimary: i === 0 } });
      }
      data.primaryPhone = phones[0]?.e164 ?? null;
      changed("Phone", existing.phones.map((p) => p.e164).join(", ") || null, phones.map((p) => p.e164).join(", ") || null);
    }
  }

  if (input.jobTitle !== undefined && emptyToNull(input.jobTitle) !== existing.jobTitle) {
    data.jobTitle = emptyToNull(input.jobTitle);
    changed("Job title", existing.jobTitle, emptyToNull(input.jobTitle));
  }

  if (input.companyId !== undefined && input.companyId !== existing.companyId) {
    const company = input.companyId ? await assertCompanyLive(ctx, input.companyId) : null;
    data.companyId = company?.id ?? null;
    changed("Company", existing.company?.name ?? null, company?.name ?? null);
  }

  if (input.ownerUserId !== undefined && input.ownerUserId !== existing.ownerUserId) {
    if (input.ownerUserId) await assertOwnerIsMember(ctx.db, ctx.org, input.ownerUserId);
    data.ownerUserId = input.ownerUserId;
    const names = await memberNames(ctx.db, [existing.ownerUserId, input.ownerUserId]);
    changed("Owner", existing.ownerUserId ? (names.get(existing.ownerUserId) ?? "Former member") : null, input.ownerUserId ? (names.get(input.ownerUserId) ?? null) : null);
  }

  if (input.lifecycleStage !== undefined && input.lifecycleStage !== existing.lifecycleStage) {
    data.lifecycleStage = input.lifecycleStage;
    changed("Lifecycle stage", LIFECYCLE_LABELS[existing.lifecycleStage], LIFECYCLE_LABELS[input.lifecycleStage]);
  }

  if (input.tags !== undefined) {
    const tags = normalizeTagList(input.tags);
    if (tags.join("\n") !== existing.tags.join("\n")) {
      data.tags = tags;
      changed("Tags", existing.tags.join(", ") || null, tags.join(", ") || null);
    }
  }

  if (input.customFields && Object.keys(input.customFields).length > 0) {
    const changes = await writeCustomFieldValues(ctx.db, ctx.org.id, "CONTACT", contactId, input.customFields, { country: ctx.org.country });
    events.push(...customChanges(contactId, ctx.userId, changes));
  }

  if (events.length > 0) {
    await ctx.db.contact.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: contactId } }, data: { ...data, updatedById: ctx.userId } });
    await recordActivities(ctx.db, ctx.org.id, events);
    await rescoreFacts(ctx.db, ctx.org.id, contactId);
  }
  return { id: contactId, changed: [...new Set(events.map((e) => e.payload.field))] };
}

/** Soft delete: the row stays (undo), its unique keys are freed for a new contact. */
export async function deleteContacts(ctx: CrmContext, contactIds: readonly string[]): Promise<{ contactIds: string[] }> {
  const rows = await ctx.db.contact.findMany({ where: { id: { in: [...contactIds] }, ...LIVE }, select: { id: true } });
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { contactIds: [] };
  await ctx.db.contact.updateMany({ where: { id: { in: ids } }, data: { deletedAt: new Date(), externalIdKey: null, updatedById: ctx.userId } });
  await ctx.db.contactEmail.updateMany({ where: { contactId: { in: ids } }, data: { emailKey: null } });
  return { contactIds: ids };
}

/**
 * Undo of a delete: the contact is live again and takes back its addresses and external id where
 * no live contact has taken them meanwhile (those stay on the contact, without the unique key).
 */
export async function restoreContacts(ctx: CrmContext, contactIds: readonly string[]): Promise<{ contactIds: string[]; emailsNotRestored: string[] }> {
  const rows = await ctx.db.contact.findMany({
    where: { id: { in: [...contactIds] }, deletedAt: { not: null }, mergedIntoId: null },
    select: { id: true, externalId: true, emails: { select: { id: true, email: true } } },
  });
  if (rows.length === 0) return { contactIds: [], emailsNotRestored: [] };
  const allEmails = rows.flatMap((r) => r.emails.map((e) => e.email));
  const takenEmails = new Set((await ctx.db.contactEmail.findMany({ where: { emailKey: { in: allEmails } }, select: { emailKey: true } })).map((e) => e.emailKey));
  const externalIds = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const takenExternal = new Set(
    externalIds.length === 0 ? [] : (await ctx.db.contact.findMany({ where: { externalIdKey: { in: externalIds } }, select: { externalIdKey: true } })).map((c) => c.externalIdKey),
  );
  const notRestored: string[] = [];
  const claimed = new Set<string>();
  for (const row of rows) {
    for (const email of row.emails) {
      if (takenEmails.has(email.email) || claimed.has(email.email)) {
        notRestored.push(email.email);
        continue;
      }
      claimed.add(email.email);
      await ctx.db.contactEmail.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: email.id } }, data: { emailKey: email.email } });
    }
    const externalIdKey = row.externalId && !takenExternal.has(row.externalId) ? row.externalId : null;
    await ctx.db.contact.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: row.id } }, data: { deletedAt: null, externalIdKey, updatedById: ctx.userId } });
  }
  return { contactIds: rows.map((r) => r.id), emailsNotRestored: notRestored };
}

export type BulkAction = { kind: "addTags"; tags: string[] } | { kind: "removeTags"; tags: string[] } | { kind: "setOwner"; ownerUserId: string | null };

/** Tag or owner changes on many contacts: one UPDATE, one timeline INSERT. */
export async function bulkUpdateContacts(ctx: CrmContext, contactIds: readonly string[], action: BulkAction): Promise<{ updated: number }> {
  const rows = await ctx.db.contact.findMany({ where: { id: { in: [...contactIds] }, ...LIVE }, select: { id: true, tags: true, ownerUserId: true, companyId: true } });
  if (rows.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  const events: ActivityInput<"FIELD_CHANGED">[] = [];
  if (action.kind === "setOwner") {
    if (action.ownerUserId) await assertOwnerIsMember(ctx.db, ctx.org, action.ownerUserId);
    const changing = rows.filter((r) => r.ownerUserId !== action.ownerUserId);
    if (changing.length === 0) return { updated: 0 };
    const names = await memberNames(ctx.db, [action.ownerUserId, ...changing.map((r) => r.ownerUserId)]);
    await ctx.db.contact.updateMany({ where: { id: { in: changing.map((r) => r.id) } }, data: { ownerUserId: action.ownerUserId, updatedById: ctx.userId } });
    for (const r of changing) {
      events.push(fieldChanged(r.id, ctx.userId, "Owner", r.ownerUserId ? (names.get(r.ownerUserId) ?? "Former member") : null, action.ownerUserId ? (names.get(action.ownerUserId) ?? null) : null));
    }
    await recordActivities(ctx.db, ctx.org.id, events);
    return { updated: changing.length };
  }
  const tags = normalizeTagList(action.tags);
  const lower = new Set(tags.map((t) => t.toLowerCase()));
  const next = (current: string[]) =>
    action.kind === "addTags" ? normalizeTagList([...current, ...tags]) : current.filter((t) => !lower.has(t.toLowerCase()));
  const changing = rows.filter((r) => next(r.tags).join("\n") !== r.tags.join("\n"));
  if (changing.length === 0) return { updated: 0 };
  const ids = changing.map((r) => r.id);
  // Set-based: the array arithmetic happens in PostgreSQL, case-insensitively like normalizeTagList.
  if (action.kind === "addTags") {
    await ctx.db.$executeRaw`
      UPDATE contacts SET tags = tags || ARRAY(SELECT t FROM unnest(${tags}::text[]) AS t WHERE lower(t) <> ALL (SELECT lower(x) FROM unnest(contacts.tags) AS x)),
        updated_at = now(), updated_by_id = ${ctx.userId}::uuid
      WHERE organization_id = ${ctx.org.id}::uuid AND id = ANY(${ids}::uuid[])`;
  } else {
    await ctx.db.$executeRaw`
      UPDATE contacts SET tags = ARRAY(SELECT x FROM unnest(contacts.tags) WITH ORDINALITY AS u(x, n) WHERE lower(x) <> ALL (SELECT lower(t) FROM unnest(${tags}::text[]) AS t) ORDER BY n),
        updated_at = now(), updated_by_id = ${ctx.userId}::uuid
      WHERE organization_id = ${ctx.org.id}::uuid AND id = ANY(${ids}::uuid[])`;
  }
  for (const r of changing) events.push(fieldChanged(r.id, ctx.userId, "Tags", r.tags.join(", ") || null, next(r.tags).join(", ") || null));
  await recordActivities(ctx.db, ctx.org.id, events);
  await rescoreFactsMany(ctx.db, ctx.org.id, ids);
  return { updated: changing.length };
}

type ContactSortField = "name" | "created" | "updated" | "score";
const SORT_COLUMN: Record<ContactSortField, { field: "nameKey" | "createdAt" | "updatedAt" | "score"; kind: SortValueKind }> = {
  name: { field: "nameKey", kind: "string" },
  created: { field: "createdAt", kind: "date" },
  updated: { field: "updatedAt", kind: "date" },
  score: { field: "score", kind: "number" },
};

export function contactFilterWhere(filter: ContactFilter): Prisma.ContactWhereInput {
  const and: Prisma.ContactWhereInput[] = [{ deletedAt: null, mergedIntoId: null }];
  if (filter.lifecycleStages && filter.lifecycleStages.length > 0) and.push({ lifecycleStage: { in: filter.lifecycleStages } });
  if (filter.ownerUserId) and.push({ ownerUserId: filter.ownerUserId === "none" ? null : filter.ownerUserId });
  if (filter.tag) and.push({ tags: { has: normalizeTag(filter.tag) } });
  if (filter.companyId) and.push({ companyId: filter.companyId });
  const search = filter.search?.trim();
  if (search) {
    const or: Prisma.ContactWhereInput[] = [];
    const key = nameKey(search, "");
    if (key) or.push({ nameKey: { contains: key } });
    or.push({ primaryEmail: { contains: search.toLowerCase() } });
    or.push({ emails: { some: { email: { contains: search.toLowerCase() } } } });
    const digits = search.replace(/\D/g, "");
    if (digits.length >= 3) or.push({ phones: { some: { e164: { contains: digits } } } });
    or.push({ company: { name: { contains: search, mode: "insensitive" } } });
    and.push({ OR: or });
  }
  return { AND: and };
}

export interface ContactListQuery extends ContactFilter {
  sort: { field: ContactSortField; direction: "asc" | "desc" };
  cursor?: string;
  limit: number;
}

export async function listContacts(ctx: CrmContext, query: ContactListQuery) {
  const sort = SORT_COLUMN[query.sort.field];
  const cursor = query.cursor ? decodeCursor(query.cursor, sort.kind) : null;
  const where = contactFilterWhere(query);
  const rows = await ctx.db.contact.findMany({
    where: cursor ? { AND: [where, afterCursor(sort.field, query.sort.direction, cursor)] } : where,
    orderBy: [{ [sort.field]: query.sort.direction }, { id: query.sort.direction }],
    take: query.limit + 1,
    select: CONTACT_ROW_SELECT,
  });
  const page = pageOf(rows, query.limit, (r): SortValue => (sort.field === "nameKey" ? r.nameKey : sort.field === "score" ? r.score : sort.field === "createdAt" ? r.createdAt : r.updatedAt));
  const columns = await loadFieldDefinitions(ctx.db, "CONTACT");
  const values = await readCustomFieldValues(
    ctx.db,
    "CONTACT",
    page.rows.map((r) => r.id),
    columns,
  );
  return {
    rows: page.rows.map((r) => ({ ...r, displayName: contactDisplayName(r), customFields: values.get(r.id) ?? {} })),
    nextCursor: page.nextCursor,
    columns,
  };
}

export interface ContactDeal {
  id: string;
  name: string;
  stageName: string;
  amountMinor: string;
  currency: string;
  closedAt: Date | null;
}

/** Follows merge tombstones to the surviving contact (bounded: a chain never loops). */
async function survivorOf(ctx: CrmContext, contactId: string): Promise<string | null> {
  let id = contactId;
  for (let hop = 0; hop < 10; hop++) {
    const row = await ctx.db.contact.findFirst({ where: { id }, select: { mergedIntoId: true } });
    if (!row) return null;
    if (!row.mergedIntoId) return id;
    id = row.mergedIntoId;
  }
  return null;
}

export type Contact360 =
  | { kind: "merged"; mergedIntoId: string }
  | {
      kind: "contact";
      contact: Awaited<ReturnType<typeof findLiveContact>> & { displayName: string; deletedAt: Date | null; createdById: string | null; firstTouch: unknown; lastTouch: unknown };
      customFields: Record<string, CustomFieldValueInput>;
      fieldDefinitions: FieldDefinition[];
      consents: CurrentConsent[];
      deals: ContactDeal[];
      tasks: { id: string; title: string; dueAt: Date | null; doneAt: Date | null }[];
    };

/** The 360° page: the contact, its custom values, consents, deals and tasks; or where a tombstone leads. */
/**
 * `reach` says which related records the caller may read: content roles read contacts but not the
 * pipeline, so their 360° page has no deals or tasks.
 */
export async function getContact360(ctx: CrmContext, contactId: string, reach: { deals: boolean; tasks: boolean } = { deals: true, tasks: true }): Promise<Contact360> {
  const row = await ctx.db.contact.findFirst({
    where: { id: contactId },
    select: {
      ...CONTACT_ROW_SELECT,
      // Where the contact came from (lead capture fills these: docs/lead-capture.md).
      firstTouch: true,
      lastTouch: true,
      deletedAt: true,
      mergedIntoId: true,
      createdById: true,
      emails: { orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }], select: { id: true, email: true, isPrimary: true } },
      phones: { orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }], select: { id: true, e164: true, label: true, isPrimary: true } },
    },
  });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  if (row.mergedIntoId) {
    const survivor = await survivorOf(ctx, row.mergedIntoId);
    if (!survivor) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
    return { kind: "merged", mergedIntoId: survivor };
  }
  const { mergedIntoId: _tombstone, ...contact } = row;
  const fieldDefinitions = await loadFieldDefinitions(ctx.db, "CONTACT");
  const [values, consents, dealLinks, tasks] = await Promise.all([
    readCustomFieldValues(ctx.db, "CONTACT", [contactId], fieldDefinitions),
    currentConsents(ctx.db, [contactId]),
    reach.deals
      ? ctx.db.dealContact.findMany({
          where: { contactId, deal: { deletedAt: null, ...(ctx.visibility.ownOnly ? { ownerUserId: ctx.userId } : {}) } },
          select: { deal: { select: { id: true, name: true, amountMinor: true, currency: true, closedAt: true, stage: { select: { name: true } } } } },
          take: 100,
        })
      : Promise.resolve([]),
    reach.tasks
      ? ctx.db.task.findMany({
          where: { contactId, deletedAt: null },
          orderBy: [{ doneAt: { sort: "asc", nulls: "first" } }, { dueAt: { sort: "asc", nulls: "last" } }],
          take: 100,
          select: { id: true, title: true, dueAt: true, doneAt: true },
        })
      : Promise.resolve([]),
  ]);
  return {
    kind: "contact",
    contact: { ...contact, displayName: contactDisplayName(contact) },
    customFields: values.get(contactId) ?? {},
    fieldDefinitions,
    consents: consents.get(contactId) ?? [],
    deals: dealLinks.map(({ deal }) => ({ id: deal.id, name: deal.name, stageName: deal.stage.name, amountMinor: deal.amountMinor.toString(), currency: deal.currency, closedAt: deal.closedAt })),
    tasks,
  };
}

/** The contact must be live and visible to the caller (timeline, notes, consent). */
export async function assertContactVisible(ctx: CrmContext, contactId: string, options: { includeDeleted?: boolean } = {}): Promise<void> {
  const row = await ctx.db.contact.findFirst({ where: { id: contactId, mergedIntoId: null, ...(options.includeDeleted ? {} : { deletedAt: null }) }, select: { id: true } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
}
