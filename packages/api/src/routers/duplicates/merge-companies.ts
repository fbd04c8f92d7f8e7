import { TRPCError } from "@trpc/server";
import { crmProcedure } from "../../trpc/crm";
import { mergeCompaniesInput } from "../../schemas/crm/merge";
import { mergeCompanies } from "../../services/crm/merge/merge-companies";
import { asTrpcError } from "./shared";

/** Merges companies into the oldest (contacts, deals, tasks, timeline and custom values move); undoable. */
export const mergeCompaniesProcedure = crmProcedure("companies.merge", { timeoutMs: 60_000 })
  .input(mergeCompaniesInput)
  .mutation(async ({ ctx, input }) => {
    const ids = [...new Set(input.companyIds)];
    const visible = await ctx.db.company.findMany({ where: { id: { in: ids }, deletedAt: null, mergedIntoId: null }, select: { id: true } });
    if (visible.length !== ids.length) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
    try {
      const result = await mergeCompanies(ctx.db, ctx.org.id, { companyIds: ids, values: Object.fromEntries(input.values.map((v) => [v.field, v.companyId])), actorUserId: ctx.user.id });
      ctx.audit.target("company", result.survivorId);
      ctx.audit.note({ mergeId: result.mergeId, mergedIds: result.mergedIds });
      return result;
    } catch (error) {
      asTrpcError(error);
    }
  });
