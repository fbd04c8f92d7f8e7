import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { assertNotLastOwner } from "./guards";

/** Leave the organization in the URL. Inherited (agency) access is left at the agency. */
export const leave = orgProcedure("organization.read").mutation(async ({ ctx }) => {
  const membership = await ctx.db.membership.findFirst({ where: { userId: ctx.user.id } });
  if (!membership) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Your access comes from the agency; leave the agency instead." });
  }
  await assertNotLastOwner(ctx.db, membership, "leave");
  await ctx.db.membership.delete({ where: { id: membership.id } });
  ctx.audit.target("membership", membership.id);
  return { left: true };
});
