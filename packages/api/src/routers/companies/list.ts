import { companyListInput } from "../../schemas/crm/companies";
import { listCompanies } from "../../services/crm/companies";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const listCompaniesProcedure = crmProcedure("companies.read")
  .input(companyListInput)
  .query(({ ctx, input }) => listCompanies(crmContextOf(ctx), input));
