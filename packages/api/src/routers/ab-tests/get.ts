import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { abTestIdInput } from "../../schemas/ab-tests";
import { AB_TEST_SELECT, withVariantValues } from "./shared";

export const getAbTest = orgProcedure("posts.read")
  .input(abTestIdInput)
  .query(async ({ ctx, input }) => {
    const test = await ctx.db.abTest.findFirst({ where: { id: input.abTestId }, select: AB_TEST_SELECT });
    if (!test) throw new TRPCError({ code: "NOT_FOUND", message: "A/B test not found." });
    const [withValues] = await withVariantValues(ctx.db, [test]);
    return withValues;
  });
