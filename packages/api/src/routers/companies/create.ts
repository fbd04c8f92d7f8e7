import { companyCreateInput } from "../../schemas/crm/companies";
import { createCompany } from "../../services/crm/companies";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const createCompanyProcedure = crmProcedure("companies.create")
  .input(companyCreateInput)
  .mutation(async ({ ctx, input }) => {
    const company = await createCompany(crmContextOf(ctx), input);
    ctx.audit.target("company", company.id);
    return company;
  });
