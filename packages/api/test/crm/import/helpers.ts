import { randomUUID } from "node:crypto";
import { systemDb } from "@mg/db/system";
import type { Tenant } from "../../fixtures";

/** A live contact written directly (the records helper's services are not needed to set up a test). */
export async function seedContact(
  tenant: Tenant,
  fields: { firstName?: string; lastName?: string; email?: string; phone?: string; jobTitle?: string; tags?: string[]; externalId?: string; createdAt?: Date; companyId?: string },
): Promise<string> {
  const db = systemDb();
  const id = randomUUID();
  await db.contact.create({
    data: {
      id,
      organizationId: tenant.id,
      firstName: fields.firstName ?? null,
      lastName: fields.lastName ?? null,
      nameKey: `${fields.firstName ?? ""} ${fields.lastName ?? ""}`.trim().toLowerCase(),
      primaryEmail: fields.email ?? null,
      primaryPhone: fields.phone ?? null,
      jobTitle: fields.jobTitle ?? null,
      tags: fields.tags ?? [],
      externalId: fields.externalId ?? null,
      externalIdKey: fields.externalId?.toLowerCase() ?? null,
      companyId: fields.companyId ?? null,
      ...(fields.createdAt ? { createdAt: fields.createdAt } : {}),
    },
  });
  if (fields.email) await db.contactEmail.create({ data: { organizationId: tenant.id, contactId: id, email: fields.email, emailKey: fields.email, isPrimary: true } });
  if (fields.phone) await db.contactPhone.create({ data: { organizationId: tenant.id, contactId: id, e164: fields.phone, isPrimary: true } });
  return id;
}

/** Live contacts holding `email` (the import must never make two). */
export async function liveWithEmail(tenant: Tenant, email: string): Promise<string[]> {
  const rows = await systemDb().contactEmail.findMany({ where: { organizationId: tenant.id, email, emailKey: { not: null } }, select: { contactId: true } });
  return rows.map((r) => r.contactId);
}

export async function liveContactCount(tenant: Tenant): Promise<number> {
  return systemDb().contact.count({ where: { organizationId: tenant.id, deletedAt: null, mergedIntoId: null } });
}
