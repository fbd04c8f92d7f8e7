import { companyCallInput } from "../../schemas/crm/companies";
import { assertCompanyVisible } from "../../services/crm/companies";
import { logCall } from "../../services/crm/notes";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const logCompanyCall = crmProcedure("companies.update")
  .input(companyCallInput)
  .mutation(async ({ ctx, input }) => {
    const { companyId, ...call } = input;
    await assertCompanyVisible(crmContextOf(ctx), companyId);
    const activity = await logCall(ctx.db, ctx.org.id, { companyId }, call, { userId: ctx.user.id });
    ctx.audit.target("company", companyId);
    return activity;
  });
