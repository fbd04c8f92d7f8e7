import { TRPCError } from "@trpc/server";
import type { Organization, TenantDb } from "@mg/db";
import { listInheritedMembers } from "../../tenancy/inherited-members";
import { isOrganizationMember } from "./records/members";

/**
 * The records a deal or task points at — owner/assignee, company, contacts — checked before they
 * are written: an id from another organization (or one the caller may not see) answers NOT_FOUND
 * exactly like an id that exists nowhere.
 */

export interface Person {
  id: string;
  name: string | null;
  email: string;
}

/** Who can own a deal or be assigned a task: direct members and, in a client, the agency's people. */
export async function memberDirectory(db: TenantDb, org: Pick<Organization, "parentId">): Promise<Person[]> {
  const direct = await db.membership.findMany({ orderBy: { createdAt: "asc" }, select: { user: { select: { id: true, name: true, email: true } } } });
  const inherited = org.parentId ? await listInheritedMembers(org.parentId) : [];
  const seen = new Set<string>();
  const people: Person[] = [];
  for (const { user } of [...direct, ...inherited]) {
    if (seen.has(user.id)) continue;
    seen.add(user.id);
    people.push(user);
  }
  return people;
}

/** A deal's owner, a task's assignee or an import's owner must be a member (isOrganizationMember). */
export async function assertMember(db: TenantDb, org: Pick<Organization, "parentId">, userId: string, what = "owner"): Promise<void> {
  if (await isOrganizationMember(db, org, userId)) return;
  throw new TRPCError({ code: "NOT_FOUND", message: `That ${what} is not a member of this organization.` });
}

export async function assertCompany(db: TenantDb, companyId: string): Promise<void> {
  const company = await db.company.findFirst({ where: { id: companyId, deletedAt: null, mergedIntoId: null }, select: { id: true } });
  if (!company) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
}

export async function assertContacts(db: TenantDb, contactIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(contactIds)];
  if (unique.length === 0) return [];
  const found = await db.contact.findMany({ where: { id: { in: unique }, deletedAt: null, mergedIntoId: null }, select: { id: true } });
  if (found.length !== unique.length) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  return unique;
}

export async function assertDeal(db: TenantDb, dealId: string): Promise<void> {
  const deal = await db.deal.findFirst({ where: { id: dealId, deletedAt: null }, select: { id: true } });
  if (!deal) throw new TRPCError({ code: "NOT_FOUND", message: "Deal not found." });
}
