import { TRPCError } from "@trpc/server";
import type { Organization, TenantDb } from "@mg/db";
import { nextFreeSlot } from "@mg/scheduling";

/** A target at one of these occupies its instant on the account's queue. */
const OCCUPYING = ["SCHEDULED", "PUBLISHING", "PUBLISHED"] as const;

export interface FreeSlot {
  timezone: string;
  /** Wall-clock time in `timezone`, "YYYY-MM-DDTHH:mm". */
  localTime: string;
  scheduledAt: Date;
}

/**
 * The first queue slot after `after` that none of the accounts already uses. Slots are the union
 * of the accounts' weekly slots, read in the organization's time zone (where queue slots live);
 * an instant is taken when any of the accounts has a post within a minute of it. Shared with
 * posts.create's "queue" intent.
 */
export async function findNextFreeSlot(db: TenantDb, org: Pick<Organization, "timezone">, accountIds: string[], after: Date = new Date()): Promise<FreeSlot | null> {
  const ids = [...new Set(accountIds)];
  const accounts = await db.socialAccount.findMany({ where: { id: { in: ids } }, select: { id: true } });
  if (accounts.length !== ids.length) throw new TRPCError({ code: "NOT_FOUND", message: "Account not found." });
  const slots = await db.queueSlot.findMany({ where: { socialAccountId: { in: ids } }, select: { weekday: true, localTime: true } });
  const taken = await db.postTarget.findMany({
    where: { socialAccountId: { in: ids }, status: { in: [...OCCUPYING] }, scheduledAt: { gt: new Date(after.getTime() - 60_000) } },
    select: { scheduledAt: true },
  });
  const unique = [...new Map(slots.map((slot) => [`${slot.weekday}@${slot.localTime}`, slot])).values()];
  const found = nextFreeSlot({
    slots: unique,
    timezone: org.timezone,
    taken: taken.flatMap((t) => (t.scheduledAt ? [t.scheduledAt] : [])),
    after,
  });
  return found ? { timezone: org.timezone, localTime: found.localTime, scheduledAt: found.instant } : null;
}
