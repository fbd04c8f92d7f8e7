import { orgProcedure } from "../../trpc/init";
import { setQueueSlotsInput } from "../../schemas/social-accounts";
import { findAccountOrThrow, SLOT_ORDER, SLOT_SELECT } from "./shared";

/** Replaces the account's weekly slots with the given set (duplicates collapse). */
export const setQueueSlots = orgProcedure("accounts.manage")
  .input(setQueueSlotsInput)
  .mutation(async ({ ctx, input }) => {
    const account = await findAccountOrThrow(ctx.db, input.accountId);
    const unique = [...new Map(input.slots.map((slot) => [`${slot.weekday}@${slot.localTime}`, slot])).values()];
    await ctx.db.queueSlot.deleteMany({ where: { socialAccountId: account.id } });
    if (unique.length > 0) {
      await ctx.db.queueSlot.createMany({
        data: unique.map((slot) => ({ organizationId: ctx.org.id, socialAccountId: account.id, weekday: slot.weekday, localTime: slot.localTime })),
      });
    }
    ctx.audit.target("socialAccount", account.id);
    ctx.audit.note({ slots: unique.length });
    return ctx.db.queueSlot.findMany({ where: { socialAccountId: account.id }, orderBy: SLOT_ORDER, select: SLOT_SELECT });
  });
