import { TRPCError } from "@trpc/server";
import { orgProcedure } from "../../trpc/init";
import { changeRoleInput } from "../../schemas/members";
import { assertCanManageRole, assertNotLastOwner } from "./guards";

export const changeRole = orgProcedure("users.change_role")
  .input(changeRoleInput)
  .mutation(async ({ ctx, input }) => {
    const membership = await ctx.db.membership.findFirst({ where: { id: input.membershipId } });
    if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Member not found." });
    assertCanManageRole(ctx.role, membership.role);
    assertCanManageRole(ctx.role, input.role);
    if (membership.role === input.role) return { id: membership.id, role: membership.role };
    if (input.role !== "OWNER") await assertNotLastOwner(ctx.db, membership, "be demoted");
    const updated = await ctx.db.membership.update({ where: { id: membership.id }, data: { role: input.role } });
    ctx.audit.target("membership", membership.id);
    ctx.audit.note({ userId: membership.userId, from: membership.role, to: input.role });
    return { id: updated.id, role: updated.role };
  });
