import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@mg/db";
import { MergeRefused } from "../../services/crm/merge/merge-contacts";

/** What the review queue shows of each contact, side by side. */
export const PAIR_CONTACT_SELECT = {
  id: true,
  firstName: true,
  lastName: true,
  primaryEmail: true,
  primaryPhone: true,
  jobTitle: true,
  companyId: true,
  ownerUserId: true,
  lifecycleStage: true,
  source: true,
  externalId: true,
  tags: true,
  createdAt: true,
  updatedAt: true,
  company: { select: { id: true, name: true } },
  emails: { select: { email: true, isPrimary: true } },
  phones: { select: { e164: true, isPrimary: true } },
} as const;

/** Live contacts the caller can see (ctx.db applies "own records only"), by id. */
export async function visibleContacts(db: TenantDb, ids: readonly string[]) {
  const rows = await db.contact.findMany({ where: { id: { in: [...ids] }, deletedAt: null, mergedIntoId: null }, select: PAIR_CONTACT_SELECT });
  return new Map(rows.map((r) => [r.id, r]));
}

export function asTrpcError(error: unknown): never {
  if (error instanceof MergeRefused) throw new TRPCError({ code: error.code, message: error.message });
  throw error;
}
