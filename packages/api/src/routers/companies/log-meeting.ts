import { companyMeetingInput } from "../../schemas/crm/companies";
import { assertCompanyVisible } from "../../services/crm/companies";
import { logMeeting } from "../../services/crm/notes";
import { crmContextOf } from "../../services/crm/records/context";
import { crmProcedure } from "../../trpc/crm";

export const logCompanyMeeting = crmProcedure("companies.update")
  .input(companyMeetingInput)
  .mutation(async ({ ctx, input }) => {
    const { companyId, ...meeting } = input;
    await assertCompanyVisible(crmContextOf(ctx), companyId);
    const activity = await logMeeting(ctx.db, ctx.org.id, { companyId }, meeting, { userId: ctx.user.id });
    ctx.audit.target("company", companyId);
    return activity;
  });
