import { TRPCError } from "@trpc/server";
import type { Prisma, TenantDb } from "@mg/db";
import type { CustomFieldValueInput } from "../../schemas/crm/custom-fields";
import { contactDisplayName, type CrmContext } from "./contacts";
import { loadFieldDefinitions, readCustomFieldValues, writeCustomFieldValues, type FieldDefinition } from "./custom-fields";
import { registrableDomain } from "./normalize";
import { afterCursor, decodeCursor, pageOf, type SortValue, type SortValueKind } from "./records/keyset";
import { assertOwnerIsMember } from "./records/members";
import { recordActivities, type ActivityInput } from "./timeline";

/**
 * Companies: the domain is stored as its registrable domain (tldts) and is unique among live
 * companies (domain_key); the same owner rule and timeline as contacts.
 */
export const COMPANY_ROW_SELECT = {
  id: true,
  name: true,
  domain: true,
  industry: true,
  size: true,
  country: true,
  address: true,
  ownerUserId: true,
  createdAt: true,
  updatedAt: true,
} as const;

const LIVE = { deletedAt: null, mergedIntoId: null } as const;

export interface CompanyAddress {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
}

export interface CompanyWrite {
  name?: string;
  domain?: string | null;
  industry?: string | null;
  size?: string | null;
  country?: string | null;
  address?: CompanyAddress;
  ownerUserId?: string | null;
  customFields?: Record<string, CustomFieldValueInput>;
}

const emptyToNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === "" ? null : v.trim());

export function readAddress(raw: unknown): CompanyAddress {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return {};
  const out: CompanyAddress = {};
  for (const key of ["line1", "line2", "city", "region", "postalCode"] as const) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === "string" && value !== "") out[key] = value;
  }
  return out;
}

function normalizeDomain(raw: string | null | undefined): string | null {
  const text = emptyToNull(raw);
  if (!text) return null;
  const domain = registrableDomain(text);
  if (!domain) throw new TRPCError({ code: "BAD_REQUEST", message: `"${text}" is not a website or domain.` });
  return domain;
}

async function assertDomainFree(ctx: CrmContext, domain: string, exceptCompanyId?: string): Promise<void> {
  const taken = await ctx.db.company.findFirst({ where: { domainKey: domain, ...(exceptCompanyId ? { id: { not: exceptCompanyId } } : {}) }, select: { id: true, name: true } });
  // Through the visibility-restricted client: an invisible company is found by the unique key below instead.
  if (taken) throw new TRPCError({ code: "CONFLICT", message: `${domain} already belongs to ${taken.name} (company ${taken.id}).` });
}

function isDomainConflict(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code?: unknown }).code === "P2002";
}

async function withDomainConflict<T>(domain: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (domain && isDomainConflict(error)) throw new TRPCError({ code: "CONFLICT", message: `${domain} already belongs to another company in this organization.`, cause: error });
    throw error;
  }
}

function fieldChanged(companyId: string, actorUserId: string, field: string, from: string | null, to: string | null): ActivityInput<"FIELD_CHANGED"> {
  return { kind: "FIELD_CHANGED", payload: { field, from: from?.slice(0, 2000) ?? null, to: to?.slice(0, 2000) ?? null }, companyId, actorUserId };
}

export async function createCompany(ctx: CrmContext, input: CompanyWrite & { name: string }): Promise<{ id: string }> {
  const domain = normalizeDomain(input.domain);
  if (domain) await assertDomainFree(ctx, domain);
  const ownerUserId = input.ownerUserId === undefined ? ctx.userId : input.ownerUserId;
  if (ownerUserId && ownerUserId !== ctx.userId) await assertOwnerIsMember(ctx.db, ctx.org, ownerUserId);
  const company = await withDomainConflict(domain, () =>
    ctx.db.company.create({
      data: {
        organizationId: ctx.org.id,
        name: input.name.trim(),
        domain,
        domainKey: domain,
        industry: emptyToNull(input.industry),
        size: emptyToNull(input.size),
        country: emptyToNull(input.country),
        address: { ...(input.address ?? {}) },
        ownerUserId,
        createdById: ctx.userId,
        updatedById: ctx.userId,
      },
      select: { id: true },
    }),
  );
  if (input.customFields && Object.keys(input.customFields).length > 0) {
    await writeCustomFieldValues(ctx.db, ctx.org.id, "COMPANY", company.id, input.customFields, { country: ctx.org.country });
  }
  return company;
}

export async function findLiveCompany(ctx: CrmContext, companyId: string) {
  const company = await ctx.db.company.findFirst({ where: { id: companyId, ...LIVE }, select: COMPANY_ROW_SELECT });
  if (!company) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  return company;
}

export async function updateCompany(ctx: CrmContext, companyId: string, input: CompanyWrite): Promise<{ id: string; changed: string[] }> {
  const existing = await findLiveCompany(ctx, companyId);
  const data: Prisma.CompanyUncheckedUpdateInput = {};
  const events: ActivityInput<"FIELD_CHANGED">[] = [];
  const changed = (field: string, from: string | null, to: string | null) => {
    if (from !== to) events.push(fieldChanged(companyId, ctx.userId, field, from, to));
  };
  if (input.name !== undefined && input.name.trim() !== existing.name) {
    data.name = input.name.trim();
    changed("Name", existing.name, input.name.trim());
  }
  let domain: string | null = null;
  if (input.domain !== undefined) {
    domain = normalizeDomain(input.domain);
    if (domain !== existing.domain) {
      if (domain) await assertDomainFree(ctx, domain, companyId);
      data.domain = domain;
      data.domainKey = domain;
      changed("Domain", existing.domain, domain);
    }
  }
  for (const [key, label] of [["industry", "Industry"], ["size", "Size"], ["country", "Country"]] as const) {
    const value = input[key];
    if (value !== undefined && emptyToNull(value) !== existing[key]) {
      data[key] = emptyToNull(value);
      changed(label, existing[key], emptyToNull(value));
    }
  }
  if (input.address !== undefined) {
    const before = readAddress(existing.address);
    const after = readAddress(input.address);
    const words = (a: CompanyAddress) => [a.line1, a.line2, a.postalCode, a.city, a.region].filter(Boolean).join(", ") || null;
    if (words(before) !== words(after)) {
      data.address = { ...after };
      changed("Address", words(before), words(after));
    }
  }
  if (input.ownerUserId !== undefined && input.ownerUserId !== existing.ownerUserId) {
    if (input.ownerUserId) await assertOwnerIsMember(ctx.db, ctx.org, input.ownerUserId);
    data.ownerUserId = input.ownerUserId;
    const names = await memberNames(ctx.db, [existing.ownerUserId, input.ownerUserId]);
    changed("Owner", existing.ownerUserId ? (names.get(existing.ownerUserId) ?? "Former member") : null, input.ownerUserId ? (names.get(input.ownerUserId) ?? null) : null);
  }
  if (input.customFields && Object.keys(input.customFields).length > 0) {
    const changes = await writeCustomFieldValues(ctx.db, ctx.org.id, "COMPANY", companyId, input.customFields, { country: ctx.org.country });
    events.push(...changes.map((c) => fieldChanged(companyId, ctx.userId, c.label, c.from, c.to)));
  }
  if (events.length > 0) {
    await withDomainConflict(domain, () => ctx.db.company.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: companyId } }, data: { ...data, updatedById: ctx.userId } }));
    await recordActivities(ctx.db, ctx.org.id, events);
  }
  return { id: companyId, changed: [...new Set(events.map((e) => e.payload.field))] };
}

async function memberNames(db: TenantDb, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const rows = await db.membership.findMany({ where: { userId: { in: ids } }, select: { user: { select: { id: true, name: true, email: true } } } });
  for (const r of rows) names.set(r.user.id, r.user.name ?? r.user.email);
  return names;
}

/** Soft delete; the domain is free again. Contacts keep their link (the company shows as deleted). */
export async function deleteCompanies(ctx: CrmContext, companyIds: readonly string[]): Promise<{ companyIds: string[] }> {
  const rows = await ctx.db.company.findMany({ where: { id: { in: [...companyIds] }, ...LIVE }, select: { id: true } });
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) await ctx.db.company.updateMany({ where: { id: { in: ids } }, data: { deletedAt: new Date(), domainKey: null, updatedById: ctx.userId } });
  return { companyIds: ids };
}

export async function restoreCompanies(ctx: CrmContext, companyIds: readonly string[]): Promise<{ companyIds: string[]; domainsNotRestored: string[] }> {
  const rows = await ctx.db.company.findMany({ where: { id: { in: [...companyIds] }, deletedAt: { not: null }, mergedIntoId: null }, select: { id: true, domain: true } });
  const domains = rows.flatMap((r) => (r.domain ? [r.domain] : []));
  const taken = new Set(domains.length === 0 ? [] : (await ctx.db.company.findMany({ where: { domainKey: { in: domains } }, select: { domainKey: true } })).map((c) => c.domainKey));
  const notRestored: string[] = [];
  for (const row of rows) {
    const free = row.domain !== null && !taken.has(row.domain);
    if (row.domain && !free) notRestored.push(row.domain);
    if (row.domain && free) taken.add(row.domain);
    await ctx.db.company.update({ where: { organizationId_id: { organizationId: ctx.org.id, id: row.id } }, data: { deletedAt: null, domainKey: free ? row.domain : null, updatedById: ctx.userId } });
  }
  return { companyIds: rows.map((r) => r.id), domainsNotRestored: notRestored };
}

type CompanySortField = "name" | "created" | "updated";
const SORT_COLUMN: Record<CompanySortField, { field: "name" | "createdAt" | "updatedAt"; kind: SortValueKind }> = {
  name: { field: "name", kind: "string" },
  created: { field: "createdAt", kind: "date" },
  updated: { field: "updatedAt", kind: "date" },
};

export interface CompanyListQuery {
  search?: string;
  ownerUserId?: string;
  industry?: string;
  sort: { field: CompanySortField; direction: "asc" | "desc" };
  cursor?: string;
  limit: number;
}

export async function listCompanies(ctx: CrmContext, query: CompanyListQuery) {
  const sort = SORT_COLUMN[query.sort.field];
  const cursor = query.cursor ? decodeCursor(query.cursor, sort.kind) : null;
  const and: Prisma.CompanyWhereInput[] = [LIVE];
  if (query.ownerUserId) and.push({ ownerUserId: query.ownerUserId === "none" ? null : query.ownerUserId });
  if (query.industry) and.push({ industry: { equals: query.industry, mode: "insensitive" } });
  const search = query.search?.trim();
  if (search) and.push({ OR: [{ name: { contains: search, mode: "insensitive" } }, { domain: { contains: search.toLowerCase() } }] });
  if (cursor) and.push(afterCursor(sort.field, query.sort.direction, cursor));
  const rows = await ctx.db.company.findMany({
    where: { AND: and },
    orderBy: [{ [sort.field]: query.sort.direction }, { id: query.sort.direction }],
    take: query.limit + 1,
    select: { ...COMPANY_ROW_SELECT, _count: { select: { contacts: { where: LIVE } } } },
  });
  const page = pageOf(rows, query.limit, (r): SortValue => (sort.field === "name" ? r.name : sort.field === "createdAt" ? r.createdAt : r.updatedAt));
  const columns = await loadFieldDefinitions(ctx.db, "COMPANY");
  const values = await readCustomFieldValues(ctx.db, "COMPANY", page.rows.map((r) => r.id), columns);
  return {
    rows: page.rows.map(({ _count, ...r }) => ({ ...r, address: readAddress(r.address), contactCount: _count.contacts, customFields: values.get(r.id) ?? {} })),
    nextCursor: page.nextCursor,
    columns,
  };
}

export type Company360 =
  | { kind: "merged"; mergedIntoId: string }
  | {
      kind: "company";
      company: Omit<Awaited<ReturnType<typeof findLiveCompany>>, "address"> & { address: CompanyAddress; deletedAt: Date | null };
      customFields: Record<string, CustomFieldValueInput>;
      fieldDefinitions: FieldDefinition[];
      contacts: { id: string; displayName: string; primaryEmail: string | null; jobTitle: string | null; lifecycleStage: string }[];
      contactCount: number;
      deals: { id: string; name: string; stageName: string; amountMinor: string; currency: string; closedAt: Date | null }[];
    };

export async function getCompany360(ctx: CrmContext, companyId: string): Promise<Company360> {
  const row = await ctx.db.company.findFirst({ where: { id: companyId }, select: { ...COMPANY_ROW_SELECT, deletedAt: true, mergedIntoId: true } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  if (row.mergedIntoId) {
    let id = row.mergedIntoId;
    for (let hop = 0; hop < 10; hop++) {
      const next = await ctx.db.company.findFirst({ where: { id }, select: { mergedIntoId: true } });
      if (!next) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
      if (!next.mergedIntoId) return { kind: "merged", mergedIntoId: id };
      id = next.mergedIntoId;
    }
    throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
  }
  const { mergedIntoId: _tombstone, ...company } = row;
  const fieldDefinitions = await loadFieldDefinitions(ctx.db, "COMPANY");
  const contactWhere = { companyId, ...LIVE };
  const [values, contacts, contactCount, deals] = await Promise.all([
    readCustomFieldValues(ctx.db, "COMPANY", [companyId], fieldDefinitions),
    ctx.db.contact.findMany({ where: contactWhere, orderBy: [{ nameKey: "asc" }, { id: "asc" }], take: 50, select: { id: true, firstName: true, lastName: true, primaryEmail: true, primaryPhone: true, jobTitle: true, lifecycleStage: true } }),
    ctx.db.contact.count({ where: contactWhere }),
    ctx.db.deal.findMany({ where: { companyId, deletedAt: null }, orderBy: { createdAt: "desc" }, take: 100, select: { id: true, name: true, amountMinor: true, currency: true, closedAt: true, stage: { select: { name: true } } } }),
  ]);
  return {
    kind: "company",
    company: { ...company, address: readAddress(company.address) },
    customFields: values.get(companyId) ?? {},
    fieldDefinitions,
    contacts: contacts.map((c) => ({ id: c.id, displayName: contactDisplayName(c), primaryEmail: c.primaryEmail, jobTitle: c.jobTitle, lifecycleStage: c.lifecycleStage })),
    contactCount,
    deals: deals.map((d) => ({ id: d.id, name: d.name, stageName: d.stage.name, amountMinor: d.amountMinor.toString(), currency: d.currency, closedAt: d.closedAt })),
  };
}

export async function assertCompanyVisible(ctx: CrmContext, companyId: string, options: { includeDeleted?: boolean } = {}): Promise<void> {
  const row = await ctx.db.company.findFirst({ where: { id: companyId, mergedIntoId: null, ...(options.includeDeleted ? {} : { deletedAt: null }) }, select: { id: true } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
}
