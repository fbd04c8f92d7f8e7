import { orgProcedure } from "../../trpc/init";
import { nextFreeSlotInput } from "../../schemas/social-accounts";
import { findNextFreeSlot } from "../../services/queue-slots";

export const nextFree = orgProcedure("posts.read")
  .input(nextFreeSlotInput)
  .query(({ ctx, input }) => findNextFreeSlot(ctx.db, ctx.org, input.accountIds, input.after ? new Date(input.after) : new Date()));
