import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@mg/db";

export const SLOT_SELECT = { id: true, weekday: true, localTime: true } as const;

/** Monday first, then by time of day. */
export const SLOT_ORDER = [{ weekday: "asc" as const }, { localTime: "asc" as const }];

export async function findAccountOrThrow(db: TenantDb, accountId: string) {
  const account = await db.socialAccount.findFirst({ where: { id: accountId }, select: { id: true, name: true, status: true } });
  if (!account) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found." });
  return account;
}
