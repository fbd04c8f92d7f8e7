import { TRPCError } from "@trpc/server";
import { companyIdsInput } from "../../schemas/crm/companies";
import { restoreCompanies } from "../../services/crm/companies";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const restoreCompaniesProcedure = crmProcedure("companies.delete")
  .input(companyIdsInput)
  .mutation(async ({ ctx, input }) => {
    const result = await restoreCompanies(crmContextOf(ctx), input.companyIds);
    const first = result.companyIds[0];
    if (!first) throw new TRPCError({ code: "NOT_FOUND", message: "Company not found." });
    ctx.audit.target("company", first);
    ctx.audit.note({ companyIds: result.companyIds, domainsNotRestored: result.domainsNotRestored });
    return { restored: result.companyIds.length, companyIds: result.companyIds, domainsNotRestored: result.domainsNotRestored };
  });
