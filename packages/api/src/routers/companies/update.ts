import { companyUpdateInput } from "../../schemas/crm/companies";
import { updateCompany } from "../../services/crm/companies";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const updateCompanyProcedure = crmProcedure("companies.update")
  .input(companyUpdateInput)
  .mutation(async ({ ctx, input }) => {
    const { companyId, ...changes } = input;
    const result = await updateCompany(crmContextOf(ctx), companyId, changes);
    ctx.audit.target("company", companyId);
    ctx.audit.note({ changed: result.changed });
    return result;
  });
