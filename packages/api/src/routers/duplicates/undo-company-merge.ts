import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { undoMergeInput } from "../../schemas/crm/merge";
import { undoCompanyMerge } from "../../services/crm/merge/merge-companies";
import { asTrpcError } from "./shared";

/** Undo of a company merge: the merged companies and what moved come back, the survivor's fields too. */
export const undoCompanyMergeProcedure = crmProcedure("companies.merge", { timeoutMs: 60_000 })
  .input(undoMergeInput)
  .mutation(async ({ ctx, input }) => {
    const record = await ctx.db.crmMerge.findFirst({ where: { id: input.mergeId, object: "COMPANY" }, select: { id: true, survivorId: true } });
    const survivor = record ? await ctx.db.company.findFirst({ where: { id: record.survivorId }, select: { id: true } }) : null;
    if (!record || !survivor) throw new TRPCError({ code: "NOT_FOUND", message: "Merge not found." });
    try {
      const result = await undoCompanyMerge(ctx.db, ctx.org.id, record.id, ctx.user.id);
      ctx.audit.target("company", result.survivorId);
      ctx.audit.note({ mergeId: record.id, restoredIds: result.restoredIds });
      return result;
    } catch (error) {
      asTrpcError(error);
    }
  });
