import { TRPCError } from "@trpc/server";
import { companyIdsInput } from "../../schemas/crm/companies";
import { deleteCompanies } from "../../services/crm/companies";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** Soft delete; companies.restore undoes it. */
export const deleteCompaniesProcedure = crmProcedure("companies.delete")
  .input(companyIdsInput)
  .mutation(async ({ ctx, input }) => {
    const result = await deleteCompanies(crmContextOf(ctx), input.companyIds);
    const first = result.companyIds[0];
    if (!first) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
    ctx.audit.target("company", first);
    ctx.audit.note({ companyIds: result.companyIds });
    return { deleted: result.companyIds.length, companyIds: result.companyIds };
  });
