import { orgProcedure } from "../../trpc/init";
import { accountIdInput } from "../../schemas/social-accounts";
import { findAccountOrThrow, SLOT_ORDER, SLOT_SELECT } from "./shared";

export const listQueueSlots = orgProcedure("posts.read")
  .input(accountIdInput)
  .query(async ({ ctx, input }) => {
    await findAccountOrThrow(ctx.db, input.accountId);
    return ctx.db.queueSlot.findMany({ where: { socialAccountId: input.accountId }, orderBy: SLOT_ORDER, select: SLOT_SELECT });
  });
