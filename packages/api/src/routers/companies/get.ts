import { companyIdInput } from "../../schemas/crm/companies";
import { getCompany360 } from "../../services/crm/companies";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

/** The company's 360° page: its fields, contacts and deals; a merged-away company answers where it lives now. */
export const getCompany = crmProcedure("companies.read")
  .input(companyIdInput)
  .query(({ ctx, input }) => getCompany360(crmContextOf(ctx), input.companyId));
