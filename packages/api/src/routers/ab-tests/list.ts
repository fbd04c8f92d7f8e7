import { orgProcedure } from "../../trpc/init";
import { AB_TEST_SELECT, withVariantValues } from "./shared";

export const listAbTests = orgProcedure("posts.read").query(async ({ ctx }) => {
  const tests = await ctx.db.abTest.findMany({ orderBy: { createdAt: "desc" }, take: 200, select: AB_TEST_SELECT });
  return withVariantValues(ctx.db, tests);
});
